import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ApiKeyHasher, type Role } from '../src/keys/api-keys.js';
import { createApiKey, revokeApiKey } from '../src/store/api-keys.js';
import { Store } from '../src/store/store.js';
import { createTestDatabase, testHasher, type TestDatabase } from './store-fixtures.js';

export const T0 = Date.UTC(2026, 10, 1, 9, 30);

const NAMES = ['Dana Whitfield', 'Karen Lowe', 'Marcus Bell', 'Rosa Delgado', 'Tom Becker', 'Alicia Moreno', 'Greg Hanley', 'Nina Park'];
const STREETS = ['Maplewood Ave', 'Orchard Hill Rd', 'Birch St', 'Lakeview Dr', 'Cedar Ln', 'Fulton Blvd', 'Pine Ct'];

/** Letter-only pseudo-words drawn from `n`: posts of different `n` share few character shingles, so they are not near duplicates. */
function filler(n: number): string {
  let x = (n + 1) * 2654435761;
  const letter = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((x >>> 16) % 26));
  };
  return Array.from({ length: 24 }, () => Array.from({ length: 6 }, letter).join('')).join(' ');
}

/**
 * A doxxing post (address, phone and a threat) whose personal data is unique to `n`, padded
 * with words that differ with `n`: each `n` starts its own campaign.
 */
export const doxText = (n: number): string =>
  `${filler(n)}. Officer ${NAMES[n % NAMES.length]} lives at ${1100 + n} N ${STREETS[n % STREETS.length]}, Chicago, IL 60622. her cell 312-555-${String(1000 + n).padStart(4, '0')}. go pay her a visit`;
export const BENIGN = 'Tacos al pastor 2x1 this Friday, open 11am to 9pm 🌮';

export interface Response {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface Request {
  readonly method?: string;
  readonly url: string;
  readonly key?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string or Buffer as it is. */
  readonly body?: unknown;
}

/** One way of reaching the app: Fastify's inject(), or real HTTP on loopback. */
export interface Client {
  readonly transport: 'inject' | 'http';
  send(request: Request): Promise<Response>;
}

function prepare(request: Request): { method: string; headers: Record<string, string>; payload: string | Buffer | undefined } {
  const headers: Record<string, string> = { ...request.headers };
  if (request.key !== undefined) headers.authorization = `Bearer ${request.key}`;
  let payload: string | Buffer | undefined;
  if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) payload = request.body;
  else if (request.body !== undefined) {
    payload = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  return { method: request.method ?? 'GET', headers, payload };
}

const response = (status: number, headers: Record<string, string>, body: string): Response => ({ status, headers, body, json: <T>() => JSON.parse(body) as T });

export function injectClient(app: FastifyInstance): Client {
  return {
    transport: 'inject',
    async send(request) {
      const { method, headers, payload } = prepare(request);
      const r = await app.inject({ method: method as 'GET', url: request.url, headers, ...(payload === undefined ? {} : { payload }) });
      return response(r.statusCode, Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])), r.body);
    },
  };
}

export function httpClient(baseUrl: string): Client {
  return {
    transport: 'http',
    async send(request) {
      const { method, headers, payload } = prepare(request);
      const r = await fetch(baseUrl + request.url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      return response(r.status, Object.fromEntries(r.headers.entries()), await r.text());
    },
  };
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly database: TestDatabase;
  readonly keys: Readonly<Record<Role, string>> & { readonly revoked: string };
  /** Both transports: inject() and fetch() over loopback. */
  readonly clients: readonly Client[];
  /** A new key (optionally with its own requests-per-minute limit). */
  createKey(roles: Role[], rateLimit?: number): Promise<string>;
  /** Moves the injected clock. */
  advance(ms: number): void;
  count(table: CountedTable): Promise<number>;
  /** Row counts of every table a request could write. */
  counts(): Promise<Record<CountedTable, number>>;
  close(): Promise<void>;
}

export const COUNTED_TABLES = ['posts', 'assessments', 'findings', 'cases', 'decisions', 'campaigns', 'rejected_posts', 'watchlist_persons', 'watchlist_identifiers', 'audit_log'] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

/** A real app on a fresh database of `dialect`, listening on loopback, with one key per role. */
export async function startHarness(dialect: 'sqlite' | 'postgres', overrides: Partial<Pick<AppDeps, 'rateLimit' | 'trustedProxies'>> = {}): Promise<Harness> {
  const database = await createTestDatabase(dialect);
  const store = await Store.open(database.url);
  const hasher = testHasher();
  let now = T0;
  const clock = () => now;
  const ingestor = new Ingestor({ store, hasher, clock });
  const app = await buildApp({ store, hasher, ingestor, policyVersion: 'default@1', clock, ...overrides });
  const apiKeys = new ApiKeyHasher(hasher.keys);
  const make = async (roles: Role[], rateLimit?: number) => (await createApiKey(store, apiKeys, { name: roles.join('+'), roles, ...(rateLimit === undefined ? {} : { rateLimit }) }, now, 'test')).token;
  const keys = { ingest: await make(['ingest']), reviewer: await make(['reviewer']), admin: await make(['admin']), revoked: await make(['admin']) };
  await revokeApiKey(store, keys.revoked.slice(4, 16), now, 'test');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const count = async (table: CountedTable) => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    app,
    store,
    database,
    keys,
    clients: [injectClient(app), httpClient(`http://127.0.0.1:${port}`)],
    createKey: make,
    advance: (ms) => {
      now += ms;
    },
    count,
    counts: async () => Object.fromEntries(await Promise.all(COUNTED_TABLES.map(async (t) => [t, await count(t)] as const))) as Record<CountedTable, number>,
    close: async () => {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}

/** Asserts the response is an RFC 9457 problem document and returns it. */
export function problemOf(r: Response): { type: string; title: string; status: number; detail: string; instance: string; code: string; errors?: { location: string; pointer: string; detail: string }[]; [k: string]: unknown } {
  if (!(r.headers['content-type'] ?? '').startsWith('application/problem+json')) throw new Error(`expected application/problem+json, got ${r.headers['content-type']} (${r.status}): ${r.body.slice(0, 300)}`);
  const p = r.json<ReturnType<typeof problemOf>>();
  for (const field of ['type', 'title', 'detail', 'instance', 'code'] as const) {
    if (typeof p[field] !== 'string' || p[field] === '') throw new Error(`problem without ${field}: ${r.body}`);
  }
  if (p.status !== r.status) throw new Error(`problem status ${p.status} differs from HTTP status ${r.status}`);
  return p;
}
