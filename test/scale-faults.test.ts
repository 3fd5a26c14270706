import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trackingIdOf } from '../src/queue/message.js';
import { NatsQueue } from '../src/queue/nats/mod.js';
import { Store } from '../src/store/store.js';
import { createTestDatabase, type TestDatabase } from './store-fixtures.js';
import {
  checkExactlyOnce,
  deleteStreams,
  NATS_URL,
  newHashKeys,
  publishRange,
  queueState,
  scalePost,
  startWorkerProcess,
  storedPosts,
  waitUntil,
  type WorkerProcess,
} from './scale-fixtures.js';

/**
 * Fault tests of the scale-out path: `bulwark worker` child processes against the NATS JetStream
 * at NATS_URL and PostgreSQL, each test on its own database and stream prefix.
 */

interface Run {
  readonly prefix: string;
  readonly names: { posts: string; dlq: string; consumer: string };
  readonly queue: NatsQueue;
  readonly store: Store;
  readonly db: string;
  readonly hashKeys: string;
  readonly workers: WorkerProcess[];
  startWorker(extraArgs?: readonly string[]): Promise<WorkerProcess>;
  /** Stored posts, or undefined while the database does not answer. */
  stored(): Promise<number | undefined>;
  describe(): Promise<string>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startRun(db: string, dropDatabase: () => Promise<void>): Promise<Run> {
  const prefix = `F${randomBytes(5).toString('hex')}`;
  const queue = await NatsQueue.open({ url: NATS_URL, prefix, clientName: 'scale-faults' });
  const store = await Store.open(db);
  const workers: WorkerProcess[] = [];
  const names = { posts: queue.names.posts, dlq: queue.names.dlq, consumer: queue.names.consumer };
  cleanups.push(async () => {
    for (const w of workers) await w.stop(5000);
    await queue.close();
    await store.close();
    await deleteStreams(names);
    await dropDatabase();
  });
  const hashKeys = newHashKeys();
  const run: Run = {
    prefix,
    names,
    queue,
    store,
    db,
    hashKeys,
    workers,
    async startWorker(extraArgs = []) {
      const worker = await startWorkerProcess({ db, prefix, hashKeys, extraArgs: ['--ack-wait', '5', '--batch', String(BATCH), ...extraArgs] });
      workers.push(worker);
      return worker;
    },
    stored: () => storedPosts(store).catch(() => undefined),
    async describe() {
      const state = await queueState(names).catch((e: Error) => e.message);
      const exits = workers.map((w) => w.child.exitCode ?? w.child.signalCode ?? 'running').join(', ');
      return `stored ${String(await run.stored())}, queue ${JSON.stringify(state)}, workers ${exits}; last worker stderr: ${workers.at(-1)?.stderr().slice(-500) ?? ''}`;
    },
  };
  return run;
}

/** Messages a worker pulls at once (and, with one batch in flight, the most it holds unacknowledged). */
const BATCH = 100;

const onSharedPostgres = async (): Promise<Run> => {
  const database: TestDatabase = await createTestDatabase('postgres');
  return startRun(database.url, () => database.drop());
};

/** Every published post stored exactly once, the queue empty, nothing dead-lettered. */
async function expectExactlyOnce(run: Run, source: string, total: number): Promise<void> {
  expect(await checkExactlyOnce(run.store, source, total)).toEqual({ posts: total, missing: 0, duplicated: 0, assessmentsNotOne: 0, casesWrong: 0, campaignCountsWrong: 0, campaignPostsNotOne: 0 });
  await waitUntil('the work queue to be empty', 10_000, async () => ((await queueState(run.names)).messages === 0 ? true : undefined), () => run.describe());
  expect(await run.queue.deadLetters.list(0, 10)).toEqual([]);
}

const leaksNothing = (worker: WorkerProcess) => {
  for (const secret of ['Maplewood', '312-555', 'Officer', 'Tacos']) {
    expect(worker.stdout()).not.toContain(secret);
    expect(worker.stderr()).not.toContain(secret);
  }
};

describe('scale-out faults (worker processes, NATS JetStream, PostgreSQL)', () => {
  it('stores every one of 20,000 posts exactly once when one of two workers is killed with SIGKILL midway and restarted', { timeout: 240_000 }, async () => {
    const run = await onSharedPostgres();
    const total = Number(process.env.BULWARK_SCALE_POSTS ?? 20_000);
    const source = 'kill-test';
    const started = Date.now();
    const [victim] = [await run.startWorker(), await run.startWorker()];
    const publishing = publishRange(run.queue, source, 0, total);
    await waitUntil('half of the posts to be stored', 150_000, async () => ((await run.stored()) ?? 0) >= total / 2 || undefined, () => run.describe());
    // Kill the victim while it holds messages, or there is nothing for the others to take over: freeze
    // it (SIGSTOP) until the consumer has more unacknowledged messages than the other worker's one
    // batch can hold — some of them are then the victim's — and kill it there.
    await waitUntil('the victim to be caught holding messages', 30_000, async () => {
      victim!.child.kill('SIGSTOP');
      // Acknowledgements it wrote just before stopping still reach the server: let them land first.
      await new Promise((resolve) => setTimeout(resolve, 250));
      if ((await queueState(run.names)).ackPending > BATCH) return true;
      victim!.child.kill('SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return undefined;
    }, () => run.describe());
    victim!.child.kill('SIGKILL');
    expect(await victim!.exited).toBeNull();
    const killedAt = Date.now();
    const replacement = await run.startWorker();
    await publishing;
    await waitUntil(`all ${total} posts to be stored`, 180_000, async () => ((await run.stored()) === total ? true : undefined), () => run.describe());
    // The killed worker's unacknowledged messages came back to the others after the ack wait (5 s):
    // some posts were delivered more than once, and each was still stored once (below).
    const { deliveries } = await queueState(run.names);
    expect(deliveries).toBeGreaterThan(total);
    const seconds = (Date.now() - started) / 1000;
    await expectExactlyOnce(run, source, total);
    for (const w of [run.workers[1]!, replacement]) expect(w.child.exitCode).toBeNull();
    for (const w of run.workers) leaksNothing(w);
    console.info(`kill -9 test: ${total} posts in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} posts/s), killed after ${((killedAt - started) / 1000).toFixed(1)} s, ${deliveries - total} redelivered`);
  });

  it('dead-letters a poison message after --max-deliver deliveries without holding up the others', { timeout: 120_000 }, async () => {
    const run = await onSharedPostgres();
    const source = 'poison-test';
    const total = 1000;
    // A deployment whose schema refuses one source (say, a constraint added by hand): PostgreSQL
    // rejects that post on every delivery while the database itself is healthy.
    await sql`create function refuse_poison() returns trigger language plpgsql as $$ begin if new.source = 'poison' then raise exception 'posts of this source are refused by the schema'; end if; return new; end $$`.execute(run.store.db);
    await sql`create trigger refuse_poison before insert on posts for each row execute function refuse_poison()`.execute(run.store.db);
    const poisonPost = { ...scalePost(0, 'poison'), id: 'poison-1' };
    const worker = await run.startWorker(['--max-deliver', '5']);
    const started = Date.now();
    await publishRange(run.queue, source, 0, 10);
    await run.queue.publish([{ post: poisonPost, receivedAt: Date.now(), publishedAt: Date.now(), actor: 'scale-test' }]);
    await publishRange(run.queue, source, 10, total);

    await waitUntil(`all ${total} good posts to be stored`, 90_000, async () => ((await run.stored()) === total ? true : undefined), () => run.describe());
    const drainedAfterMs = Date.now() - started;
    // Redeliveries back off 1, 2, 4 and 8 s: the others were all stored while the poison still waited.
    expect(await run.queue.deadLetters.find(trackingIdOf('poison', 'poison-1'))).toBeUndefined();
    const dead = await waitUntil('the poison message in the dead letters', 60_000, () => run.queue.deadLetters.find(trackingIdOf('poison', 'poison-1')), () => run.describe());
    const deadAfterMs = Date.now() - started;
    expect(dead).toEqual(expect.objectContaining({ source: 'poison', id: 'poison-1', deliveries: 5, reason: expect.stringContaining('posts of this source are refused by the schema') }));
    expect(drainedAfterMs).toBeLessThan(deadAfterMs);
    expect(await checkExactlyOnce(run.store, source, total)).toEqual({ posts: total, missing: 0, duplicated: 0, assessmentsNotOne: 0, casesWrong: 0, campaignCountsWrong: 0, campaignPostsNotOne: 0 });
    expect(await run.queue.deadLetters.list(0, 10)).toEqual([dead]);
    await waitUntil('the work queue to be empty', 10_000, async () => ((await queueState(run.names)).messages === 0 ? true : undefined), () => run.describe());
    expect(worker.stdout()).toMatch(/"msg":"message dead-lettered"/);
    leaksNothing(worker);
    console.info(`poison test: ${total} good posts drained in ${(drainedAfterMs / 1000).toFixed(1)} s, poison dead-lettered after ${(deadAfterMs / 1000).toFixed(1)} s`);
  });
});

/** A free TCP port on loopback from `from` on, not claimed by another PostgreSQL cluster. */
async function freePort(from: number, claimed: ReadonlySet<number>): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (claimed.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}…${from + 99}`);
}

const hasPgCommon = ['/usr/bin', '/usr/sbin', '/usr/local/bin'].some((dir) => existsSync(join(dir, 'pg_createcluster')));
if (!hasPgCommon) console.warn('skipping the PostgreSQL restart test: pg_createcluster (postgresql-common) is not installed, and the shared server must not be restarted');

describe.skipIf(!hasPgCommon)('scale-out through a PostgreSQL restart (a private cluster)', () => {
  const cluster = `bulwark_fault_${process.pid}`;
  const version = process.env.BULWARK_TEST_PG_VERSION ?? '15';
  let port = 0;
  const pg = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe', timeout: 60_000 }).toString();
  const dropCluster = () => {
    try {
      pg('pg_dropcluster', '--stop', version, cluster);
    } catch {
      // Not there: nothing to drop.
    }
  };

  beforeAll(async () => {
    dropCluster();
    const claimed = new Set(
      pg('pg_lsclusters', '--no-header')
        .split('\n')
        .map((line) => Number(line.trim().split(/\s+/)[2]))
        .filter((p) => Number.isInteger(p) && p > 0),
    );
    port = await freePort(5439, claimed);
    pg('pg_createcluster', version, cluster, '-p', String(port), '--start', '--', '--auth-host=trust', '--auth-local=trust');
  }, 60_000);
  afterAll(dropCluster, 60_000);

  it('workers hold their batches and back off while PostgreSQL restarts, then store every post exactly once', { timeout: 120_000 }, async () => {
    const db = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const run = await startRun(db, async () => undefined);
    const source = 'restart-test';
    const total = 4000;
    await run.startWorker();
    await run.startWorker();
    await publishRange(run.queue, source, 0, total);
    await waitUntil('a quarter of the posts to be stored', 60_000, async () => ((await run.stored()) ?? 0) >= total / 4 || undefined, () => run.describe());
    // An outage longer than the ack wait (5 s): workers must extend their deadlines, not lose the batch.
    pg('pg_ctlcluster', '--skip-systemctl-redirect', version, cluster, 'stop', '--mode', 'fast');
    const storedAtStop = await run.stored();
    expect(storedAtStop).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    pg('pg_ctlcluster', '--skip-systemctl-redirect', version, cluster, 'start');
    await waitUntil(`all ${total} posts to be stored`, 90_000, async () => ((await run.stored()) === total ? true : undefined), () => run.describe());
    await expectExactlyOnce(run, source, total);
    for (const w of run.workers) {
      expect(w.child.exitCode, `a worker exited; stderr: ${w.stderr().slice(-1500)}; stdout: ${w.stdout().slice(-1500)}`).toBeNull();
      leaksNothing(w);
    }
    expect(run.workers.map((w) => w.stdout()).join('')).toMatch(/"msg":"database unavailable; holding the batch and retrying"/);
    expect(run.workers.map((w) => w.stdout()).join('')).not.toMatch(/dead-lettered/);
  });
});
