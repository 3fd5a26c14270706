/**
 * `npm run bench:http`: drives `POST /v1/analyze` and `POST /v1/posts` over loopback with
 * autocannon at 1, 16 and 128 concurrent connections, BENCH_SECONDS (default 5) per cell, and
 * reports requests/s and p50/p99 latency. The server runs in a child process on a temporary
 * SQLite store, so the load generator does not share its event loop. Every posts request
 * carries a new (source, id), so each one is a real insert.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { renderTable } from '../src/cli/table.js';
import { KeyedHasher } from '../src/core/watchlist/keyed-hash.js';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ApiKeyHasher } from '../src/keys/api-keys.js';
import { createApiKey } from '../src/store/api-keys.js';
import { Store } from '../src/store/store.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 16, 128];

/** Child mode: a server on a fresh SQLite file; prints its port and an ingest key, then serves until SIGTERM. */
async function serveForBench(dir: string): Promise<void> {
  const hasher = new KeyedHasher([{ id: 'bench', secret: randomBytes(32) }]);
  const store = await Store.open(join(dir, 'bench.db'));
  const ingestor = new Ingestor({ store, hasher });
  const app = await buildApp({ store, hasher, ingestor, policyVersion: 'bench', rateLimit: 1_000_000_000 });
  const { token } = await createApiKey(store, new ApiKeyHasher(hasher.keys), { name: 'bench', roles: ['ingest'] }, Date.now(), 'bench');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0, token })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => store.close());
  });
}

interface Cell {
  readonly route: string;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

async function drive(url: string, token: string, route: '/v1/analyze' | '/v1/posts', connections: number, seconds: number, texts: readonly string[], run: string): Promise<Cell> {
  let n = 0;
  const result = await autocannon({
    url: url + route,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const i = n++;
          const text = texts[i % texts.length] ?? '';
          return { ...request, body: JSON.stringify(route === '/v1/posts' ? { source: 'bench', id: `${run}-${connections}-${i}`, text } : { text }) };
        },
      },
    ],
  });
  return { route, connections, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors };
}

async function main(): Promise<void> {
  const texts = readFileSync(join(import.meta.dirname, '..', '..', 'shared', 'data', 'dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-http-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
    });
    const { port, token } = JSON.parse(first) as { port: number; token: string };
    const url = `http://127.0.0.1:${port}`;
    const run = randomBytes(4).toString('hex');
    const cells: Cell[] = [];
    for (const route of ['/v1/analyze', '/v1/posts'] as const) {
      await drive(url, token, route, 16, 1, texts, `${run}-warm`);
      for (const connections of CONNECTIONS) {
        const cell = await drive(url, token, route, connections, SECONDS, texts, run);
        cells.push(cell);
        process.stderr.write(`${route} × ${connections}: ${cell.rps.toFixed(0)} req/s\n`);
      }
    }
    console.log(`HTTP API on loopback (server in its own process, SQLite, ${SECONDS} s per cell, ${texts.length} dev texts in turn)`);
    console.log(
      renderTable(
        ['route', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx/errors'],
        cells.map((c) => [c.route, String(c.connections), c.rps.toFixed(0), c.p50.toFixed(1), c.p99.toFixed(1), String(c.failed)]),
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serveForBench(process.argv[serveAt + 1] ?? tmpdir());
else await main();
