/**
 * `npm run bench:store`: ingest throughput into SQLite and PostgreSQL through the full pipeline,
 * and campaign / watchlist lookup times with 10k and with 1M stored posts (they should be close:
 * lookups use indexed keys and an in-memory hash map, never a scan of stored posts).
 * BENCH_DIALECTS narrows the dialects; BENCH_LARGE sets the large size (default 1,000,000).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { KeyedHasher } from '../src/core/watchlist/keyed-hash.js';
import { WatchlistMatcher } from '../src/core/watchlist/matcher.js';
import { analyze } from '../src/core/analyze.js';
import { renderTable } from '../src/cli/table.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { Store } from '../src/store/store.js';
import { addProtectedPerson, loadWatchlistHashes } from '../src/store/watchlist.js';
import { createTestDatabase } from '../test/store-fixtures.js';
import { summarize, us } from './stats.js';

const texts = readFileSync(join(import.meta.dirname, '..', '..', 'shared', 'data', 'dev.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const SIZES = [10_000, LARGE];
const hasher = new KeyedHasher([{ id: 'bench', secret: randomBytes(32) }]);

/** Adds synthetic stored posts (and campaign keys for one in twenty) straight in SQL, up to `target`. */
async function fillTo(store: Store, target: number): Promise<void> {
  const row = await store.db.selectFrom('posts').select((eb) => eb.fn.max<number>('id').as('max')).executeTakeFirstOrThrow();
  const from = Number(row.max ?? 0) + 1;
  if (from > target) return;
  const series = store.dialect === 'postgres' ? sql`generate_series(${from}::bigint, ${target}::bigint) as s(n)` : sql`(with recursive s(n) as (select ${from} union all select n + 1 from s where n < ${target}) select n from s) as s`;
  await sql`insert into posts (source, external_id, channel, author_ref, text, text_length, received_at, stored_at)
    select 'synthetic', 'syn-' || n, 'c' || (n % 97), 'a' || (n % 5003), 'synthetic post ' || n, 20, n, n from ${series}`.execute(store.db);
  await sql`insert into campaigns (first_seen, last_seen, post_count, author_count, channel_count, created_at)
    select n, n, 1, 1, 1, n from ${series} where n % 20 = 0`.execute(store.db);
  await sql`insert into campaign_keys (key, campaign_id)
    select 'pii:synthetic-' || n || '-' || k.k, (select max(id) from campaigns) from ${series} cross join (select 1 as k union all select 2 union all select 3) k where n % 20 = 0`.execute(store.db);
}

async function timeAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return samples;
}

const rows: string[][] = [];
for (const dialect of dialects) {
  const database = await createTestDatabase(dialect);
  const store = await Store.open(database.url);
  try {
    // Ingest throughput: the dev texts, 100 per batch, through analyze + store + cases + campaigns.
    const ingestor = new Ingestor({ store, hasher });
    const total = 2000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < total; i += 100) {
      await ingestor.ingest(Array.from({ length: 100 }, (_, j) => ({ source: 'bench', id: `p${i + j}`, text: texts[(i + j) % texts.length], author: `a${j % 17}`, channel: `c${j % 5}` })));
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rows.push([dialect, 'ingest (batches of 100)', '-', `${(total / seconds).toFixed(0)} posts/s`, '', '']);

    for (let p = 0; p < 200; p++) {
      await addProtectedPerson(store, hasher, `person ${p}`, [{ field: 'phone', value: `+1 312 555 ${String(1000 + p).padStart(4, '0')}` }, { field: 'name', value: `Person Number${p}` }], Date.now(), 'bench');
    }
    for (const size of SIZES) {
      await fillTo(store, size);
      const keys = Array.from({ length: 200 }, (_, i) => [`pii:synthetic-${(i + 1) * 20 * Math.floor(size / 20 / 200)}-1`, `lsh:0:${i}`, `lsh:1:${i}`]);
      const campaign = summarize(await timeAsync(200, (i) => store.db.selectFrom('campaign_keys').select('campaign_id').where('key', 'in', keys[i] ?? []).orderBy('campaign_id').limit(1).executeTakeFirst()));
      rows.push([dialect, 'campaign lookup', size.toLocaleString('en'), '', us(campaign.p50Us), us(campaign.p99Us)]);
      const matcher = new WatchlistMatcher(hasher, await loadWatchlistHashes(store));
      const findings = analyze('Officer Person Number7, cell 312-555-1007, lives at 1187 N Maplewood Ave').findings;
      const watch = summarize(await timeAsync(2000, async () => matcher.match(findings, '')));
      rows.push([dialect, 'watchlist check (per post)', size.toLocaleString('en'), '', us(watch.p50Us), us(watch.p99Us)]);
      const flagged = texts.slice(0, 150);
      const e2e = summarize(await timeAsync(flagged.length, (i) => ingestor.ingest([{ source: `e2e-${size}`, id: String(i), text: flagged[i] }])));
      rows.push([dialect, 'ingest one post (end to end)', size.toLocaleString('en'), `${(1e6 / e2e.meanUs).toFixed(0)} posts/s`, us(e2e.p50Us), us(e2e.p99Us)]);
    }
  } finally {
    await store.close();
    await database.drop();
  }
}
console.log(renderTable(['database', 'measure', 'stored posts', 'throughput', 'p50', 'p99'], rows));
