/**
 * `npm run bench:scale`: end-to-end throughput of the queue path, publish → JetStream → `bulwark
 * worker` processes → PostgreSQL, with 1 and with 2 workers, each on a fresh database and stream
 * prefix. Options: --posts N (default 20,000), --workers 1,2, --runs R (the median run is
 * reported), --batch N (worker --batch), --paced-seconds S (0 skips the paced latency run), --json.
 *
 * Measures, per worker count:
 * - throughput: posts from the first publish until every post is stored (polled every 100 ms);
 * - latency under backlog: stored_at − publishedAt of every post in that run (stored_at is the
 *   worker's clock when it began the batch, so the commit adds up to one batch time on top; the
 *   mean batch time from the workers' metrics is shown beside it);
 * - latency at half the measured throughput (a paced run): the same measure without a backlog;
 * - peak RSS per worker, and how often a sampled backend waited on the audit-log advisory lock or
 *   on a campaign lock (pg_locks every 50 ms).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { renderTable } from '../src/cli/table.js';
import { NatsQueue } from '../src/queue/nats/mod.js';
import { Store } from '../src/store/store.js';
import { createTestDatabase } from '../test/store-fixtures.js';
import { deleteStreams, newHashKeys, publishRange, startWorkerProcess, storedPosts, waitUntil, workerCommand, NATS_URL, type WorkerProcess } from '../test/scale-fixtures.js';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1,2' },
    runs: { type: 'string', default: '1' },
    batch: { type: 'string', default: '100' },
    'paced-seconds': { type: 'string', default: '8' },
    json: { type: 'boolean', default: false },
  },
});
const POSTS = Number(args.posts);
const WORKER_COUNTS = args.workers.split(',').map(Number);
const RUNS = Number(args.runs);
const PACED_SECONDS = Number(args['paced-seconds']);
/** The audit chain's advisory lock key (src/store/audit.ts). */
const AUDIT_LOCK_KEY = 7461237;

interface RunResult {
  readonly workers: number;
  readonly posts: number;
  readonly seconds: number;
  readonly postsPerSecond: number;
  readonly publishSeconds: number;
  readonly backlogLatencyMs: { p50: number; p99: number };
  readonly pacedRate: number;
  readonly pacedLatencyMs: { p50: number; p99: number } | null;
  readonly meanBatchMs: number;
  readonly peakRssMiB: number;
  /** Share of lock samples in which some backend waited on the audit lock / a campaign lock. */
  readonly auditLockWaitShare: number;
  readonly campaignLockWaitShare: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function latencies(store: Store, source: string): Promise<{ p50: number; p99: number }> {
  const rows = await sql<{ ms: number }>`select (stored_at - received_at)::int as ms from posts where source = ${source} order by 1`.execute(store.db);
  const sorted = rows.rows.map((r) => r.ms);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

async function meanBatchMs(metricsUrls: readonly string[]): Promise<number> {
  let sum = 0;
  let count = 0;
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    sum += Number(/^bulwark_worker_batch_duration_seconds_sum (\S+)/m.exec(text)?.[1] ?? 0);
    count += Number(/^bulwark_worker_batch_duration_seconds_count (\S+)/m.exec(text)?.[1] ?? 0);
  }
  return count === 0 ? 0 : (sum / count) * 1000;
}

async function run(workers: number): Promise<RunResult> {
  const prefix = `SB${process.pid}${Math.random().toString(36).slice(2, 8)}`;
  const database = await createTestDatabase('postgres');
  const store = await Store.open(database.url);
  const queue = await NatsQueue.open({ url: NATS_URL, prefix, clientName: 'bench-scale' });
  const hashKeys = newHashKeys();
  const procs: WorkerProcess[] = [];
  let sampling = true;
  const lockSamples = { total: 0, audit: 0, campaign: 0 };
  let peakRss = 0;
  let sampler: Promise<void> = Promise.resolve();
  try {
    for (let w = 0; w < workers; w++) {
      procs.push(await startWorkerProcess({ db: database.url, prefix, hashKeys, extraArgs: ['--batch', args.batch, '--metrics-port', '0'] }));
    }
    const metricsUrls = procs.map((p) => {
      const url = /metrics at (\S+)/.exec(p.stderr())?.[1];
      if (url === undefined) throw new Error('a worker did not report its metrics URL');
      return url;
    });
    const dbName = new URL(database.url).pathname.slice(1);
    sampler = (async () => {
      while (sampling) {
        const waits = await sql<{ audit: number; campaign: number }>`
          select count(*) filter (where l.classid = 0 and l.objid = ${AUDIT_LOCK_KEY})::int as audit,
                 count(*) filter (where not (l.classid = 0 and l.objid = ${AUDIT_LOCK_KEY}))::int as campaign
          from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and not l.granted and d.datname = ${dbName}`.execute(store.db);
        const row = waits.rows[0];
        lockSamples.total++;
        if ((row?.audit ?? 0) > 0) lockSamples.audit++;
        if ((row?.campaign ?? 0) > 0) lockSamples.campaign++;
        peakRss = Math.max(peakRss, ...procs.map((p) => p.rssBytes()));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })().catch((error: unknown) => {
      process.stderr.write(`lock sampling stopped: ${(error as Error).message}\n`);
    });

    const source = 'bench-backlog';
    const started = Date.now();
    await publishRange(queue, source, 0, POSTS);
    const publishSeconds = (Date.now() - started) / 1000;
    await waitUntil(`${POSTS} stored posts`, 600_000, async () => ((await storedPosts(store)) >= POSTS ? true : undefined), async () => `${await storedPosts(store)} stored`);
    const seconds = (Date.now() - started) / 1000;
    const backlogLatencyMs = await latencies(store, source);
    const batchMs = await meanBatchMs(metricsUrls);

    // Paced: half the measured throughput, in 100 ms ticks, so no backlog builds up.
    let pacedLatencyMs: RunResult['pacedLatencyMs'] = null;
    const pacedRate = Math.max(10, Math.floor(POSTS / seconds / 2));
    if (PACED_SECONDS > 0) {
      const pacedSource = 'bench-paced';
      const perTick = Math.max(1, Math.round(pacedRate / 10));
      const ticks = PACED_SECONDS * 10;
      const t0 = Date.now();
      for (let t = 0; t < ticks; t++) {
        await publishRange(queue, pacedSource, t * perTick, (t + 1) * perTick);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + (t + 1) * 100 - Date.now())));
      }
      const pacedTotal = ticks * perTick;
      await waitUntil(`${pacedTotal} paced posts`, 120_000, async () => ((await storedPosts(store)) >= POSTS + pacedTotal ? true : undefined));
      pacedLatencyMs = await latencies(store, pacedSource);
    }
    return {
      workers,
      posts: POSTS,
      seconds,
      postsPerSecond: POSTS / seconds,
      publishSeconds,
      backlogLatencyMs,
      pacedRate,
      pacedLatencyMs,
      meanBatchMs: batchMs,
      peakRssMiB: peakRss / 2 ** 20,
      auditLockWaitShare: lockSamples.total === 0 ? 0 : lockSamples.audit / lockSamples.total,
      campaignLockWaitShare: lockSamples.total === 0 ? 0 : lockSamples.campaign / lockSamples.total,
    };
  } finally {
    sampling = false;
    await sampler;
    for (const p of procs) await p.stop();
    await queue.close();
    await store.close();
    await database.drop();
    await deleteStreams({ posts: `${prefix}_POSTS`, dlq: `${prefix}_DLQ` });
  }
}

const median = (results: readonly RunResult[]): RunResult => [...results].sort((a, b) => a.postsPerSecond - b.postsPerSecond)[Math.floor(results.length / 2)] as RunResult;

const byWorkers = new Map<number, RunResult[]>();
for (let r = 0; r < RUNS; r++) {
  for (const w of WORKER_COUNTS) {
    const result = await run(w);
    byWorkers.set(w, [...(byWorkers.get(w) ?? []), result]);
    if (!args.json) process.stderr.write(`run ${r + 1}/${RUNS}, ${w} worker(s): ${result.postsPerSecond.toFixed(0)} posts/s\n`);
  }
}
const medians = WORKER_COUNTS.map((w) => median(byWorkers.get(w) ?? []));
const base = medians.find((m) => m.workers === 1);
const ratio = (m: RunResult) => (base === undefined ? null : m.postsPerSecond / base.postsPerSecond);

if (args.json) {
  console.log(JSON.stringify({ worker: workerCommand().kind, posts: POSTS, runs: RUNS, results: medians.map((m) => ({ ...m, scaling: ratio(m) })), allRuns: Object.fromEntries(byWorkers) }, null, 2));
} else {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    renderTable(
      ['workers', 'posts/s', 'scaling', 'seconds', 'backlog p50', 'backlog p99', 'paced rate', 'paced p50', 'paced p99', 'batch mean', 'peak RSS', 'audit-lock wait', 'campaign-lock wait'],
      medians.map((m) => [
        String(m.workers),
        m.postsPerSecond.toFixed(0),
        `${(ratio(m) ?? 0).toFixed(2)}×`,
        m.seconds.toFixed(1),
        ms(m.backlogLatencyMs.p50),
        ms(m.backlogLatencyMs.p99),
        `${m.pacedRate}/s`,
        m.pacedLatencyMs === null ? '-' : ms(m.pacedLatencyMs.p50),
        m.pacedLatencyMs === null ? '-' : ms(m.pacedLatencyMs.p99),
        ms(m.meanBatchMs),
        `${m.peakRssMiB.toFixed(0)} MiB`,
        `${(m.auditLockWaitShare * 100).toFixed(0)}%`,
        `${(m.campaignLockWaitShare * 100).toFixed(0)}%`,
      ]),
    ),
  );
  console.log(`\n${POSTS.toLocaleString('en')} posts per run, median of ${RUNS} run(s), workers from ${workerCommand().kind}; latency = stored_at − publishedAt (the commit adds up to one batch time).`);
}
