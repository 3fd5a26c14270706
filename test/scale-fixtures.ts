import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import type { PostMessage } from '../src/queue/queue.js';
import type { NatsQueue } from '../src/queue/nats/mod.js';
import type { Store } from '../src/store/store.js';
import { BENIGN, doxText } from './http-fixtures.js';

/** Fault tests and `bench:scale` share this: real worker processes, real NATS, real PostgreSQL. */

export const NATS_URL = process.env.BULWARK_TEST_NATS ?? 'nats://127.0.0.1:4222';
const ROOT = join(import.meta.dirname, '..');
const BUILT_CLI = join(ROOT, 'dist', 'cli', 'main.js');

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestMtime(path));
    return entry.name.endsWith('.ts') ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);

/**
 * How to start `bulwark worker`: the build when it is at least as new as the sources (`npm test`
 * builds first), else through tsx, which costs a compile at start and more memory, not correctness.
 * BULWARK_TEST_WORKER=dist|tsx forces one.
 */
export function workerCommand(): { args: string[]; kind: 'dist' | 'tsx' } {
  const forced = process.env.BULWARK_TEST_WORKER;
  const built = existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestMtime(join(ROOT, 'src'));
  if (forced === 'dist' || (forced !== 'tsx' && built)) return { args: [BUILT_CLI], kind: 'dist' };
  return { args: ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')], kind: 'tsx' };
}

/** Keys every worker of one run shares (on PostgreSQL the key file is not created on the fly). */
export const newHashKeys = (): string => `scale:${randomBytes(32).toString('base64')}`;

export interface WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resident set size now, from /proc (0 once gone). */
  rssBytes(): number;
  /** SIGTERM and wait for a clean exit, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface WorkerSpec {
  readonly db: string;
  readonly prefix: string;
  readonly hashKeys: string;
  readonly extraArgs?: readonly string[];
  /** How long to wait for `consuming …` on stderr. */
  readonly readyTimeoutMs?: number;
}

/** Starts `bulwark worker` as a child process and waits until it consumes. */
export async function startWorkerProcess(spec: WorkerSpec): Promise<WorkerProcess> {
  const { args } = workerCommand();
  const child = spawn(process.execPath, [...args, 'worker', '--queue', NATS_URL, '--stream-prefix', spec.prefix, '--db', spec.db, ...(spec.extraArgs ?? [])], {
    env: { ...process.env, BULWARK_HASH_KEYS: spec.hashKeys },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: WorkerProcess = {
    child,
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    rssBytes: () => {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb === undefined ? 0 : Number(kb) * 1024;
      } catch {
        return 0;
      }
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
  while (!/bulwark worker: consuming/.test(stderr)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker exited (${child.exitCode ?? child.signalCode}) before consuming; stderr: ${stderr.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker did not report "consuming" within ${spec.readyTimeoutMs ?? 30_000} ms; stderr: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return handle;
}

/** One post in DOX_EVERY is a doxxing post (a case, a campaign); the rest are benign. */
export const DOX_EVERY = 4;
export const isDox = (i: number): boolean => i % DOX_EVERY === 0;

/**
 * Post `i` of a run: doxxing texts are drawn from `campaigns` distinct people, so each campaign
 * collects reposts that different batches (and workers) store; the other posts are benign.
 */
export function scalePost(i: number, source: string, campaigns = 100): { source: string; id: string; text: string; author: string; channel: string } {
  return { source, id: `s${i}`, text: isDox(i) ? doxText((i / DOX_EVERY) % campaigns) : BENIGN, author: `acct${i % 53}`, channel: `ch${i % 7}` };
}

/** Publishes posts `from`…`to - 1` in chunks, each message stamped with its publish time. */
export async function publishRange(queue: NatsQueue, source: string, from: number, to: number, chunk = 500): Promise<void> {
  for (let i = from; i < to; i += chunk) {
    const now = Date.now();
    const messages: PostMessage[] = [];
    for (let j = i; j < Math.min(to, i + chunk); j++) messages.push({ post: { ...scalePost(j, source), receivedAt: now }, receivedAt: now, publishedAt: now, actor: 'scale-test' });
    const published = await queue.publish(messages);
    const duplicates = published.filter((p) => p.duplicate).length;
    if (duplicates > 0) throw new Error(`${duplicates} of posts ${i}…${i + messages.length - 1} were dropped as duplicates by JetStream`);
  }
}

const count = async (store: Store, table: 'posts' | 'cases' | 'campaign_posts'): Promise<number> =>
  Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export const storedPosts = (store: Store): Promise<number> => count(store, 'posts');

/** Polls `check` until it returns a value, or fails naming what it waited for and the last state seen. */
export async function waitUntil<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, describeState: () => Promise<string> | string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${await describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ExactlyOnceReport {
  readonly posts: number;
  readonly missing: number;
  /** (source, external_id) pairs stored more than once in posts. */
  readonly duplicated: number;
  readonly assessmentsNotOne: number;
  /** Doxxing posts (every one opens a case) without exactly one case, and benign posts with any. */
  readonly casesWrong: number;
  /** Campaigns whose post_count differs from their campaign_posts rows. */
  readonly campaignCountsWrong: number;
  readonly campaignPostsNotOne: number;
}

/** Counts, per published post, its rows in posts, assessments, cases and campaign_posts. */
export async function checkExactlyOnce(store: Store, source: string, total: number): Promise<ExactlyOnceReport> {
  const rows = await sql<{ external_id: string; posts: number; assessments: number; cases: number; campaign_posts: number }>`
    select p.external_id, count(distinct p.id)::int as posts,
      (select count(*) from assessments a where a.post_id = min(p.id))::int as assessments,
      (select count(*) from cases c where c.post_id = min(p.id))::int as cases,
      (select count(*) from campaign_posts cp where cp.post_id = min(p.id))::int as campaign_posts
    from posts p where p.source = ${source} group by p.external_id`.execute(store.db);
  const byId = new Map(rows.rows.map((r) => [r.external_id, r]));
  let missing = 0;
  let casesWrong = 0;
  let campaignPostsNotOne = 0;
  for (let i = 0; i < total; i++) {
    const row = byId.get(`s${i}`);
    if (row === undefined) {
      missing++;
      continue;
    }
    const benign = !isDox(i);
    if (row.cases !== (benign ? 0 : 1)) casesWrong++;
    if (row.campaign_posts !== (benign ? 0 : 1)) campaignPostsNotOne++;
  }
  const campaignCounts = await sql<{ n: number }>`
    select count(*)::int as n from campaigns c
    where c.post_count <> (select count(*) from campaign_posts cp where cp.campaign_id = c.id)`.execute(store.db);
  return {
    posts: rows.rows.length,
    missing,
    duplicated: rows.rows.filter((r) => r.posts !== 1).length,
    assessmentsNotOne: rows.rows.filter((r) => r.assessments !== 1).length,
    casesWrong,
    campaignCountsWrong: campaignCounts.rows[0]?.n ?? -1,
    campaignPostsNotOne,
  };
}

/** Removes a run's streams (the posts and the dead letters). */
export async function deleteStreams(names: { posts: string; dlq: string }): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of [names.posts, names.dlq]) await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Messages left in the work queue and unacknowledged deliveries of the shared consumer. */
/**
 * The work queue as NATS sees it. `redelivered` counts messages redelivered and still unacknowledged
 * (a gauge); `deliveries` counts every delivery so far, redeliveries included.
 */
export async function queueState(names: { posts: string; consumer: string }): Promise<{ messages: number; ackPending: number; pending: number; redelivered: number; deliveries: number }> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const [stream, consumer] = await Promise.all([jsm.streams.info(names.posts), jsm.consumers.info(names.posts, names.consumer)]);
    return { messages: stream.state.messages, ackPending: consumer.num_ack_pending, pending: consumer.num_pending, redelivered: consumer.num_redelivered, deliveries: consumer.delivered.consumer_seq };
  } finally {
    await nc.close();
  }
}
