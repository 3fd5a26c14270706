import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { dlqList, dlqReplay } from '../src/cli/dlq.js';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ApiKeyHasher, type Role } from '../src/keys/api-keys.js';
import { encodePostMessage, subjectKeyOf, trackingIdOf } from '../src/queue/message.js';
import { NatsQueue } from '../src/queue/nats/mod.js';
import { PostWorker, type WorkerOutcome } from '../src/queue/worker.js';
import { createApiKey } from '../src/store/api-keys.js';
import { Store } from '../src/store/store.js';
import type { KeyedHasher } from '../src/core/watchlist/keyed-hash.js';
import { BENIGN, doxText, problemOf, T0 } from './http-fixtures.js';
import { createTestDatabase, POSTGRES_ADMIN_URL, testHasher, type TestDatabase } from './store-fixtures.js';

const NATS_URL = process.env.BULWARK_TEST_NATS ?? 'nats://127.0.0.1:4222';

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Rig {
  readonly prefix: string;
  readonly database: TestDatabase;
  readonly store: Store;
  readonly hasher: KeyedHasher;
  readonly queue: NatsQueue;
  readonly app: FastifyInstance;
  readonly keys: Readonly<Record<Role, string>>;
  readonly nc: NatsConnection;
  request(method: 'GET' | 'POST', url: string, key: string, body?: unknown): Promise<{ status: number; body: string; json<T = Record<string, unknown>>(): T; headers: Record<string, string> }>;
  /** A worker on its own database pool and NATS connection, as a separate process would have. */
  /** `idle`: connected but not pulling until begin(). */
  startWorker(options?: { batchSize?: number; inFlight?: number; maxDeliver?: number; ackWaitMs?: number; idle?: boolean }): Promise<{ worker: PostWorker; outcomes: Record<WorkerOutcome, number>; begin(): void; stop(): Promise<void> }>;
  count(table: 'posts' | 'campaigns' | 'campaign_posts' | 'cases'): Promise<number>;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

/** A PostgreSQL database, streams under a fresh prefix, and the API publishing to them. */
async function startRig(): Promise<Rig> {
  const prefix = `T${randomBytes(5).toString('hex')}`;
  const database = await createTestDatabase('postgres');
  const store = await Store.open(database.url);
  const hasher = testHasher();
  const queue = await NatsQueue.open({ url: NATS_URL, prefix, clientName: 'test-serve' });
  const app = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'default@1', clock: () => T0, queue });
  const apiKeys = new ApiKeyHasher(hasher.keys);
  const make = async (role: Role) => (await createApiKey(store, apiKeys, { name: role, roles: [role] }, T0, 'test')).token;
  const keys = { ingest: await make('ingest'), reviewer: await make('reviewer'), admin: await make('admin') };
  const nc = await connect({ servers: NATS_URL });
  const workers: { stop(): Promise<void> }[] = [];
  const rig: Rig = {
    prefix,
    database,
    store,
    hasher,
    queue,
    app,
    keys,
    nc,
    async request(method, url, key, body) {
      const r = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: r.statusCode, body: r.body, json: <T>() => JSON.parse(r.body) as T, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])) };
    },
    async startWorker(options = {}) {
      const workerStore = await Store.open(database.url);
      const workerQueue = await NatsQueue.open({ url: NATS_URL, prefix, clientName: 'test-worker', ...(options.ackWaitMs === undefined ? {} : { ackWaitMs: options.ackWaitMs }) });
      const outcomes: Record<WorkerOutcome, number> = { stored: 0, duplicate: 0, retried: 0, dead_lettered: 0 };
      const worker = new PostWorker({
        source: await workerQueue.deliveries(1000),
        store: workerStore,
        ingestor: new Ingestor({ store: workerStore, hasher }),
        batchSize: options.batchSize ?? 20,
        inFlight: options.inFlight ?? 1,
        maxDeliver: options.maxDeliver ?? 3,
        nakDelayMs: () => 100,
        retryMaxMs: 1000,
        events: { onOutcome: (outcome, n) => (outcomes[outcome] += n) },
      });
      let running: Promise<void> | undefined;
      const begin = () => void (running ??= worker.run());
      if (options.idle !== true) begin();
      let stopped: Promise<void> | undefined;
      const handle = {
        worker,
        outcomes,
        begin,
        stop: () =>
          (stopped ??= (async () => {
            worker.stop();
            await running;
            await workerQueue.close();
            await workerStore.close();
          })()),
      };
      workers.push(handle);
      return handle;
    },
    count: async (table) => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    async close() {
      for (const w of workers) await w.stop();
      await app.close();
      const jsm = await jetstreamManager(nc);
      for (const stream of [queue.names.posts, queue.names.dlq]) await jsm.streams.delete(stream).catch(() => false);
      await queue.close();
      await nc.close();
      await store.close();
      await database.drop();
    },
  };
  rigs.push(rig);
  return rig;
}

const post = (n: number, source = 'queue-test') => ({ source, id: `p${n}`, text: n === 0 ? BENIGN : doxText(n), author: `a${n % 4}` });

interface Status {
  status: string;
  postId: number | null;
  caseId: number | null;
  campaignId: number | null;
  action: string | null;
  deadLetter: { seq: number; reason: string; deliveries: number } | null;
}

async function statusOf(rig: Rig, trackingId: string): Promise<Status> {
  const r = await rig.request('GET', `/v1/posts/status/${trackingId}`, rig.keys.ingest);
  expect(r.status, r.body).toBe(200);
  return r.json<Status>();
}

const streamState = async (rig: Rig) => {
  const jsm = await jetstreamManager(rig.nc);
  const [stream, consumer] = await Promise.all([jsm.streams.info(rig.queue.names.posts), jsm.consumers.info(rig.queue.names.posts, rig.queue.names.consumer)]);
  return { messages: stream.state.messages, ackPending: consumer.num_ack_pending, pending: consumer.num_pending };
};

describe('scale-out on NATS JetStream and PostgreSQL', () => {
  it('publishes through the API (202 + tracking ids), a worker stores the posts, and re-sending stores nothing twice', async () => {
    const rig = await startRig();
    const posts = [post(1), post(2), post(0)];
    const sent = await rig.request('POST', '/v1/posts', rig.keys.ingest, { posts });
    expect(sent.status, sent.body).toBe(202);
    const items = sent.json<{ items: { source: string; id: string; status: string; trackingId: string; duplicate: boolean }[] }>().items;
    expect(items.map((i) => [i.source, i.id, i.status, i.duplicate])).toEqual(posts.map((p) => [p.source, p.id, 'queued', false]));
    expect(items.map((i) => i.trackingId)).toEqual(posts.map((p) => trackingIdOf(p.source, p.id)));
    expect(await rig.count('posts')).toBe(0);
    expect((await statusOf(rig, items[0]!.trackingId)).status).toBe('queued');
    expect((await rig.app.inject({ url: '/readyz' })).statusCode).toBe(200);

    const worker = await rig.startWorker();
    const stored = await waitFor('the posts to be stored', async () => {
      const all = await Promise.all(items.map((i) => statusOf(rig, i.trackingId)));
      return all.every((s) => s.status === 'stored') ? all : undefined;
    });
    expect(stored[0]).toEqual(expect.objectContaining({ status: 'stored', postId: expect.any(Number), caseId: expect.any(Number), action: expect.stringMatching(/remove|escalate/) }));
    expect(stored[2]).toEqual(expect.objectContaining({ status: 'stored', caseId: null, action: 'allow' }));
    expect(await rig.count('posts')).toBe(3);
    await waitFor('the acknowledgements', async () => ((await streamState(rig)).messages === 0 ? true : undefined));

    // A client retry inside the window: JetStream drops it.
    const again = await rig.request('POST', '/v1/posts', rig.keys.ingest, { posts });
    expect(again.status).toBe(202);
    expect(again.json<{ items: { duplicate: boolean }[] }>().items.map((i) => i.duplicate)).toEqual([true, true, true]);
    // A retry after the window (a new message id): the database keeps it to one row.
    const js = jetstream(rig.nc);
    const late = posts[0]!;
    const key = subjectKeyOf(trackingIdOf(late.source, late.id));
    await js.publish(rig.queue.names.postsSubject(key), encodePostMessage({ post: late, receivedAt: T0, publishedAt: T0, actor: 'test' }), { msgID: 'after-the-window' });
    await waitFor('the late retry to be processed', async () => (worker.outcomes.duplicate === 1 ? true : undefined));
    expect(await rig.count('posts')).toBe(3);
    expect(await rig.count('cases')).toBe(2);
    expect(await streamState(rig)).toEqual({ messages: 0, ackPending: 0, pending: 0 });

    expect(problemOf(await rig.request('GET', '/v1/posts/status/not-a-tracking-id', rig.keys.ingest)).code).toBe('INVALID_TRACKING_ID');
    const unknown = await rig.request('GET', `/v1/posts/status/${trackingIdOf('queue-test', 'never-sent')}`, rig.keys.ingest);
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown).code).toBe('TRACKING_ID_NOT_FOUND');
  });

  it('dead-letters a message that keeps failing after N deliveries while the others are stored, lists it, and replays it once fixed', async () => {
    const rig = await startRig();
    // A broken deployment refuses posts of one source: a real, non-transient database error.
    await sql`create function refuse_fragile() returns trigger language plpgsql as $$ begin if new.source = 'fragile' then raise exception 'posts of this source are refused by the schema'; end if; return new; end $$`.execute(rig.store.db);
    await sql`create trigger refuse_fragile before insert on posts for each row execute function refuse_fragile()`.execute(rig.store.db);

    const good = [post(11), post(12), post(13), post(14)];
    const poison = post(15, 'fragile');
    const sent = await rig.request('POST', '/v1/posts', rig.keys.ingest, { posts: [good[0], good[1], poison, good[2], good[3]] });
    expect(sent.status).toBe(202);
    const poisonId = trackingIdOf(poison.source, poison.id);
    // Not a post at all: dead-lettered on first sight.
    await jetstream(rig.nc).publish(rig.queue.names.postsSubject('garbage'), new TextEncoder().encode('{"not": "a post"'), { msgID: 'garbage-1' });

    const worker = await rig.startWorker({ maxDeliver: 3 });
    const dead = await waitFor('the poison message to be dead-lettered', async () => {
      const s = await statusOf(rig, poisonId);
      return s.status === 'dead-lettered' ? s : undefined;
    });
    expect(dead.deadLetter).toEqual(expect.objectContaining({ deliveries: 3, reason: expect.stringContaining('posts of this source are refused by the schema') }));
    for (const p of good) expect((await statusOf(rig, trackingIdOf(p.source, p.id))).status).toBe('stored');
    expect(worker.outcomes).toEqual({ stored: 4, duplicate: 0, retried: 2, dead_lettered: 2 });
    expect(await streamState(rig)).toEqual({ messages: 0, ackPending: 0, pending: 0 });

    expect((await rig.request('GET', '/v1/dlq', rig.keys.ingest)).status).toBe(403);
    const listed = await rig.request('GET', '/v1/dlq', rig.keys.admin);
    expect(listed.status, listed.body).toBe(200);
    const letters = listed.json<{ items: { seq: number; trackingId: string | null; source: string | null; id: string | null; reason: string; deliveries: number }[]; nextCursor: string | null }>();
    expect(letters.items).toHaveLength(2);
    const [garbage, fragile] = letters.items;
    expect(garbage).toEqual(expect.objectContaining({ trackingId: null, source: null, id: null, deliveries: 1, reason: 'the message is not UTF-8 JSON' }));
    expect(fragile).toEqual(expect.objectContaining({ trackingId: poisonId, source: 'fragile', id: 'p15', deliveries: 3 }));
    expect(listed.body).not.toContain('Officer');
    const firstPage = await rig.request('GET', '/v1/dlq?limit=1', rig.keys.admin);
    const cursor = firstPage.json<{ nextCursor: string }>().nextCursor;
    expect((await rig.request('GET', `/v1/dlq?limit=1&cursor=${cursor}`, rig.keys.admin)).json<{ items: { seq: number }[] }>().items.map((i) => i.seq)).toEqual([fragile!.seq]);

    expect(problemOf(await rig.request('POST', `/v1/dlq/${garbage!.seq}/replay`, rig.keys.admin)).code).toBe('DEAD_LETTER_NOT_REPLAYABLE');

    await sql`drop trigger refuse_fragile on posts`.execute(rig.store.db);
    const replayed = await rig.request('POST', `/v1/dlq/${fragile!.seq}/replay`, rig.keys.admin);
    expect(replayed.status, replayed.body).toBe(200);
    expect(replayed.json()).toEqual({ seq: fragile!.seq, trackingId: poisonId, source: 'fragile', id: 'p15', status: 'queued' });
    const fixed = await waitFor('the replayed post to be stored', async () => {
      const s = await statusOf(rig, poisonId);
      return s.status === 'stored' ? s : undefined;
    });
    expect(fixed.caseId).toEqual(expect.any(Number));
    expect(problemOf(await rig.request('POST', `/v1/dlq/${fragile!.seq}/replay`, rig.keys.admin)).code).toBe('DEAD_LETTER_NOT_FOUND');
    expect((await rig.request('GET', '/v1/dlq', rig.keys.admin)).json<{ items: { seq: number }[] }>().items.map((i) => i.seq)).toEqual([garbage!.seq]);
    const audit = await rig.store.db.selectFrom('audit_log').select(['actor', 'subject_id', 'details_json']).where('action', '=', 'dead_letter.replayed').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: expect.stringMatching(/^api-key:/), subject_id: poisonId })]);

    // The same through the CLI.
    const cli = { db: rig.database.url, keyFile: '', actor: 'ops', queue: NATS_URL, streamPrefix: rig.prefix, duplicateWindow: '2h' };
    const lines: string[] = [];
    const errors: string[] = [];
    expect((await dlqList({ ...cli, json: true, limit: '10' }, (l) => lines.push(l))).map((d) => d.seq)).toEqual([garbage!.seq]);
    expect(JSON.parse(lines[0]!)).toEqual([expect.objectContaining({ seq: garbage!.seq, reason: 'the message is not UTF-8 JSON' })]);
    const all = await dlqReplay({ ...cli, all: true }, undefined, (l) => lines.push(l), (l) => errors.push(l));
    expect(all).toEqual({ replayed: [], failed: 1 });
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^bulwark dlq replay: ${garbage!.seq}: dead letter ${garbage!.seq} cannot be replayed: the message is not UTF-8 JSON`))]);
    await expect(dlqReplay(cli, undefined, () => undefined, () => undefined)).rejects.toThrow(/one dead-letter sequence, or pass --all/);
  });

  it('keeps one campaign with the right counts when two workers store its posts at once', async () => {
    const rig = await startRig();
    const n = 40;
    // The same address and phone in every post: one campaign, whichever worker stores a post.
    const posts = Array.from({ length: n }, (_, i) => ({
      source: 'campaign-test',
      id: `c${i}`,
      text: `repost ${i}: Officer Dana Whitfield lives at 1107 N Maplewood Ave, Chicago, IL 60622. her cell 312-555-1007. go pay her a visit`,
      author: `acct${i % 7}`,
      channel: `ch${i % 3}`,
    }));
    for (let i = 0; i < n; i += 10) expect((await rig.request('POST', '/v1/posts', rig.keys.ingest, { posts: posts.slice(i, i + 10) })).status).toBe(202);
    const [a, b] = await Promise.all([rig.startWorker({ batchSize: 4, inFlight: 2 }), rig.startWorker({ batchSize: 4, inFlight: 2 })]);
    await waitFor('every post to be stored', async () => ((await rig.count('posts')) === n ? true : undefined));
    expect(a!.outcomes.stored).toBeGreaterThan(0);
    expect(b!.outcomes.stored).toBeGreaterThan(0);
    expect(a!.outcomes.stored + b!.outcomes.stored).toBe(n);
    const campaigns = await rig.store.db.selectFrom('campaigns').selectAll().execute();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toEqual(expect.objectContaining({ post_count: n, author_count: 7, channel_count: 3 }));
    expect(await rig.count('campaign_posts')).toBe(n);
  });

  it('holds its batch through a database outage, keeping the messages its own, and dead-letters nothing', async () => {
    const rig = await startRig();
    const holder = await rig.startWorker({ maxDeliver: 2, ackWaitMs: 2000 });
    // Ready to take any message whose ack deadline lapses.
    const other = await rig.startWorker({ maxDeliver: 2, ackWaitMs: 2000, idle: true });
    const name = new URL(rig.database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    const jsm = await jetstreamManager(rig.nc);
    const redelivered = async () => (await jsm.consumers.info(rig.queue.names.posts, rig.queue.names.consumer)).num_redelivered;
    try {
      // The outage: the database refuses connections and loses those it had.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      const now = Date.now();
      await rig.queue.publish(Array.from({ length: 20 }, (_, i) => ({ post: { ...post(i + 40), receivedAt: now }, receivedAt: now, publishedAt: now, actor: 'test' })));
      await waitFor('the first worker to hold the batch', async () => ((await streamState(rig)).ackPending === 20 ? true : undefined));
      other.begin();
      // Longer than two ack waits: without extended deadlines the batch would go to the other worker.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(await streamState(rig)).toEqual({ messages: 20, ackPending: 20, pending: 0 });
      expect(await redelivered()).toBe(0);
      await admin.query(`alter database ${name} allow_connections true`);
      await waitFor('the held batch to be committed', async () => ((await rig.count('posts')) === 20 ? true : undefined));
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    await waitFor('the acknowledgements', async () => ((await streamState(rig)).messages === 0 ? true : undefined));
    expect(holder.outcomes).toEqual({ stored: 20, duplicate: 0, retried: 0, dead_lettered: 0 });
    expect(other.outcomes).toEqual({ stored: 0, duplicate: 0, retried: 0, dead_lettered: 0 });
    expect(await redelivered()).toBe(0);
    expect((await rig.request('GET', '/v1/dlq', rig.keys.admin)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('drains the batch in flight on SIGTERM: the worker process exits 0 and leaves no message unacknowledged', async () => {
    const rig = await startRig();
    const total = 300;
    const now = Date.now();
    await rig.queue.publish(Array.from({ length: total }, (_, i) => ({ post: { ...post(i + 100), receivedAt: now }, receivedAt: now, publishedAt: now, actor: 'test' })));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'main.ts'), 'worker', '--queue', NATS_URL, '--stream-prefix', rig.prefix, '--db', rig.database.url, '--batch', '25'],
      { env: { ...process.env, BULWARK_HASH_KEYS: `t1:${randomBytes(32).toString('base64')}` }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor('the worker to store its first batch', async () => ((await rig.count('posts')) > 0 ? true : undefined), 20_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}; worker stderr: ${stderr}`);
    }
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stderr).toMatch(/bulwark worker: consuming T\w+_POSTS as t\w+-workers/);
    expect(stderr).toMatch(/SIGTERM: finishing the batch in flight, then stopping/);
    expect(stderr).toMatch(/bulwark worker: stopped/);
    const stored = await rig.count('posts');
    const state = await streamState(rig);
    expect(state.ackPending).toBe(0);
    expect(stored).toBeLessThan(total);
    // Every message is either stored and gone from the queue, or still queued: none lost, none half-done.
    expect(state.messages + stored).toBe(total);
    expect(state.pending).toBe(total - stored);
    for (const secret of ['Maplewood', '312-555', 'Officer']) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  });
});

describe('without a queue', () => {
  it('answers the dead-letter routes with 409 and the status of stored posts from the database', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await Store.open(database.url);
    const hasher = testHasher();
    const app = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'p', clock: () => T0 });
    try {
      const admin = (await createApiKey(store, new ApiKeyHasher(hasher.keys), { name: 'a', roles: ['admin'] }, T0, 'test')).token;
      const headers = { authorization: `Bearer ${admin}` };
      const list = await app.inject({ url: '/v1/dlq', headers });
      expect(list.statusCode).toBe(409);
      expect(list.json<{ code: string }>().code).toBe('QUEUE_NOT_CONFIGURED');
      expect((await app.inject({ method: 'POST', url: '/v1/dlq/1/replay', headers })).statusCode).toBe(409);
      const stored = await app.inject({ method: 'POST', url: '/v1/posts', headers, payload: post(3) });
      expect(stored.statusCode).toBe(200);
      const status = await app.inject({ url: `/v1/posts/status/${trackingIdOf('queue-test', 'p3')}`, headers });
      expect(status.json()).toEqual(expect.objectContaining({ status: 'stored', source: 'queue-test', id: 'p3', postId: expect.any(Number) }));
    } finally {
      await app.close();
      await store.close();
      await database.drop();
    }
  });
});
