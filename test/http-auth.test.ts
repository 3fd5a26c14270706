import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { installAuth } from '../src/http/plugins/auth.js';
import { ApiKeyHasher, type Role } from '../src/keys/api-keys.js';
import { trackingIdOf } from '../src/queue/message.js';
import { createUser } from '../src/store/users.js';
import { doxText, problemOf, startHarness, type Client, type Harness, type Request } from './http-fixtures.js';
import { DIALECTS, testHasher } from './store-fixtures.js';

type Principal = 'none' | 'revoked' | Role;
const PRINCIPALS: readonly Principal[] = ['none', 'revoked', 'ingest', 'reviewer', 'admin'];

interface RouteCase {
  readonly method: string;
  /** As in the OpenAPI document. */
  readonly path: string;
  readonly role: Role | 'public';
  /** Builds a request that succeeds for an allowed key (fresh resources where the route changes them). */
  readonly make: (h: Harness, n: number) => Promise<Omit<Request, 'key'>>;
  /** Status for an allowed key; 'authorized' only checks that authentication and the role passed. */
  readonly ok: number | 'authorized';
}

let serial = 0;
/** Ingests a fresh flagged post through the API; its case and campaign are new. */
async function flaggedPost(h: Harness): Promise<{ caseId: number; campaignId: number; source: string; id: string }> {
  const n = ++serial;
  const r = await h.app.inject({ method: 'POST', url: '/v1/posts', headers: { authorization: `Bearer ${h.keys.ingest}` }, payload: { source: 'matrix', id: `m${n}`, text: doxText(n) } });
  const outcome = r.json<{ outcomes: { caseId: number; campaignId: number }[] }>().outcomes[0]!;
  return { caseId: outcome.caseId, campaignId: outcome.campaignId, source: 'matrix', id: `m${n}` };
}

async function protectedPerson(h: Harness): Promise<number> {
  const r = await h.app.inject({ method: 'POST', url: '/v1/watchlist', headers: { authorization: `Bearer ${h.keys.admin}` }, payload: { label: `p${++serial}`, identifiers: [{ field: 'phone', value: '312 555 0100' }] } });
  return r.json<{ id: number }>().id;
}

const USER_PASSWORD = 'matrix password 0123';
async function newUser(h: Harness): Promise<{ id: number; username: string; password: string }> {
  const user = await createUser(h.store, { username: `matrix-${++serial}`, role: 'reviewer', password: USER_PASSWORD }, Date.now(), 'test');
  return { id: user.id, username: user.username, password: USER_PASSWORD };
}

/** Cookie and CSRF headers of a fresh signed-in session. */
async function sessionHeaders(h: Harness): Promise<Record<string, string>> {
  const { username, password } = await newUser(h);
  const r = await h.app.inject({ method: 'POST', url: '/v1/session', payload: { username, password } });
  return { cookie: String(r.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': r.json<{ csrfToken: string }>().csrfToken };
}

const get = (url: string) => async () => ({ url });
const decision = { action: 'remove', reason: 'doxxing' };

export const ROUTES: readonly RouteCase[] = [
  { method: 'POST', path: '/v1/analyze', role: 'ingest', ok: 200, make: async () => ({ method: 'POST', url: '/v1/analyze', body: { text: doxText(0) } }) },
  { method: 'POST', path: '/v1/posts', role: 'ingest', ok: 200, make: async (_h, n) => ({ method: 'POST', url: '/v1/posts', body: { source: 'matrix-direct', id: `d${n}`, text: 'hello' } }) },
  { method: 'GET', path: '/v1/cases', role: 'reviewer', ok: 200, make: get('/v1/cases') },
  { method: 'GET', path: '/v1/cases/{id}', role: 'reviewer', ok: 200, make: async (h) => ({ url: `/v1/cases/${(await flaggedPost(h)).caseId}` }) },
  { method: 'POST', path: '/v1/cases/{id}/decision', role: 'reviewer', ok: 201, make: async (h) => ({ method: 'POST', url: `/v1/cases/${(await flaggedPost(h)).caseId}/decision`, body: decision }) },
  { method: 'GET', path: '/v1/campaigns', role: 'reviewer', ok: 200, make: get('/v1/campaigns') },
  { method: 'GET', path: '/v1/campaigns/{id}', role: 'reviewer', ok: 200, make: async (h) => ({ url: `/v1/campaigns/${(await flaggedPost(h)).campaignId}` }) },
  { method: 'POST', path: '/v1/campaigns/{id}/action', role: 'reviewer', ok: 200, make: async (h) => ({ method: 'POST', url: `/v1/campaigns/${(await flaggedPost(h)).campaignId}/action`, body: decision }) },
  { method: 'POST', path: '/v1/watchlist', role: 'admin', ok: 201, make: async () => ({ method: 'POST', url: '/v1/watchlist', body: { label: 'Case 7', identifiers: [{ field: 'email', value: 'someone@example.org' }] } }) },
  { method: 'GET', path: '/v1/watchlist', role: 'admin', ok: 200, make: get('/v1/watchlist') },
  { method: 'DELETE', path: '/v1/watchlist/{id}', role: 'admin', ok: 204, make: async (h) => ({ method: 'DELETE', url: `/v1/watchlist/${await protectedPerson(h)}` }) },
  { method: 'GET', path: '/v1/audit', role: 'admin', ok: 200, make: get('/v1/audit') },
  { method: 'POST', path: '/v1/cases/{id}/claim', role: 'reviewer', ok: 200, make: async (h) => ({ method: 'POST', url: `/v1/cases/${(await flaggedPost(h)).caseId}/claim` }) },
  { method: 'DELETE', path: '/v1/cases/{id}/claim', role: 'reviewer', ok: 204, make: async (h) => ({ method: 'DELETE', url: `/v1/cases/${(await flaggedPost(h)).caseId}/claim` }) },
  { method: 'POST', path: '/v1/cases/{id}/reveal', role: 'reviewer', ok: 200, make: async (h) => ({ method: 'POST', url: `/v1/cases/${(await flaggedPost(h)).caseId}/reveal`, body: { finding: 0, reason: 'matrix check' } }) },
  { method: 'POST', path: '/v1/watchlist/import', role: 'admin', ok: 200, make: async (_h, n) => ({ method: 'POST', url: '/v1/watchlist/import', headers: { 'content-type': 'text/csv' }, body: `label,field,value\nimport ${n},email,someone${n}@example.org\n` }) },
  { method: 'GET', path: '/v1/stats', role: 'reviewer', ok: 200, make: get('/v1/stats') },
  { method: 'GET', path: '/v1/policy', role: 'admin', ok: 200, make: get('/v1/policy') },
  { method: 'GET', path: '/v1/keys', role: 'admin', ok: 200, make: get('/v1/keys') },
  { method: 'POST', path: '/v1/keys', role: 'admin', ok: 201, make: async () => ({ method: 'POST', url: '/v1/keys', body: { name: 'matrix', roles: ['reviewer'] } }) },
  { method: 'DELETE', path: '/v1/keys/{id}', role: 'admin', ok: 204, make: async (h) => ({ method: 'DELETE', url: `/v1/keys/${(await h.createKey(['reviewer'])).slice(4, 16)}` }) },
  { method: 'GET', path: '/v1/posts/status/{trackingId}', role: 'ingest', ok: 200, make: async (h) => ({ url: `/v1/posts/status/${await flaggedPost(h).then((p) => trackingIdOf(p.source, p.id))}` }) },
  // Without --queue the dead-letter routes answer 409 QUEUE_NOT_CONFIGURED: here only their admin requirement is checked.
  { method: 'GET', path: '/v1/dlq', role: 'admin', ok: 'authorized', make: get('/v1/dlq') },
  { method: 'POST', path: '/v1/dlq/{seq}/replay', role: 'admin', ok: 'authorized', make: async () => ({ method: 'POST', url: '/v1/dlq/1/replay' }) },
  { method: 'GET', path: '/v1/audit/verify', role: 'admin', ok: 200, make: get('/v1/audit/verify') },
  // Sign-in and the cookie session are public: they deal with the cookie themselves, whatever key comes along.
  { method: 'POST', path: '/v1/session', role: 'public', ok: 200, make: async (h) => ({ method: 'POST', url: '/v1/session', body: await newUser(h).then(({ username, password }) => ({ username, password })) }) },
  { method: 'GET', path: '/v1/session', role: 'public', ok: 200, make: async (h) => ({ url: '/v1/session', headers: await sessionHeaders(h) }) },
  { method: 'DELETE', path: '/v1/session', role: 'public', ok: 204, make: async (h) => ({ method: 'DELETE', url: '/v1/session', headers: await sessionHeaders(h) }) },
  { method: 'GET', path: '/v1/users', role: 'admin', ok: 200, make: get('/v1/users') },
  { method: 'POST', path: '/v1/users', role: 'admin', ok: 201, make: async () => ({ method: 'POST', url: '/v1/users', body: { username: `matrix-${++serial}`, role: 'reviewer', password: USER_PASSWORD } }) },
  { method: 'DELETE', path: '/v1/users/{id}', role: 'admin', ok: 204, make: async (h) => ({ method: 'DELETE', url: `/v1/users/${(await newUser(h)).id}` }) },
  // The webhook routes belong to the webhooks work; here only their admin requirement is checked.
  { method: 'POST', path: '/v1/webhooks/endpoints', role: 'admin', ok: 'authorized', make: async () => ({ method: 'POST', url: '/v1/webhooks/endpoints', body: {} }) },
  { method: 'GET', path: '/v1/webhooks/endpoints', role: 'admin', ok: 200, make: get('/v1/webhooks/endpoints') },
  { method: 'DELETE', path: '/v1/webhooks/endpoints/{id}', role: 'admin', ok: 'authorized', make: async () => ({ method: 'DELETE', url: '/v1/webhooks/endpoints/999999' }) },
  { method: 'GET', path: '/v1/webhooks/deliveries', role: 'admin', ok: 200, make: get('/v1/webhooks/deliveries') },
  { method: 'GET', path: '/v1/webhooks/deliveries/{id}', role: 'admin', ok: 'authorized', make: get('/v1/webhooks/deliveries/999999') },
  { method: 'POST', path: '/v1/webhooks/deliveries/{id}/redeliver', role: 'admin', ok: 'authorized', make: async () => ({ method: 'POST', url: '/v1/webhooks/deliveries/999999/redeliver' }) },
  { method: 'GET', path: '/healthz', role: 'public', ok: 200, make: get('/healthz') },
  { method: 'GET', path: '/readyz', role: 'public', ok: 200, make: get('/readyz') },
  { method: 'GET', path: '/metrics', role: 'public', ok: 200, make: get('/metrics') },
  { method: 'GET', path: '/openapi.json', role: 'public', ok: 200, make: get('/openapi.json') },
  { method: 'GET', path: '/docs', role: 'public', ok: 200, make: get('/docs') },
];

const allowed = (role: RouteCase['role'], p: Principal): boolean => role === 'public' || p === 'admin' || p === role;

describe.each(DIALECTS)('API keys and roles on %s', (dialect) => {
  let h: Harness;
  const keyOf = (p: Principal): string | undefined => (p === 'none' ? undefined : h.keys[p]);

  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('covers every operation of the OpenAPI document', async () => {
    const doc = (await h.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const tested = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(documented.filter((op) => !tested.includes(op))).toEqual([]);
  });

  describe.each(['inject', 'http'] as const)('over %s', (transport) => {
    const client = (): Client => h.clients.find((c) => c.transport === transport)!;

    it.each(ROUTES.map((r) => [`${r.method} ${r.path} (${r.role})`, r] as const))('%s: allowed and refused keys', async (_name, route) => {
      for (const principal of PRINCIPALS) {
        const request = await route.make(h, ++serial);
        const key = keyOf(principal);
        const r = await client().send({ ...request, ...(key === undefined ? {} : { key }) });
        const context = `${principal} → ${r.status} ${r.body.slice(0, 200)}`;
        if (allowed(route.role, principal)) {
          if (route.ok === 'authorized') expect([401, 403], context).not.toContain(r.status);
          else expect(r.status, context).toBe(route.ok);
          expect(r.status, context).toBeLessThan(500);
        } else if (principal === 'none' || principal === 'revoked') {
          expect(r.status, context).toBe(401);
          expect(problemOf(r).code).toBe('UNAUTHENTICATED');
          expect(r.headers['www-authenticate'], context).toMatch(/^Bearer realm="bulwark"/);
        } else {
          expect(r.status, context).toBe(403);
          const p = problemOf(r);
          expect(p.code).toBe('FORBIDDEN');
          expect(p.requiredRole).toBe(route.role);
          expect(p.detail).toContain(`"${route.role}" role`);
        }
      }
    });
  });

  it('says what is wrong with a key: missing, malformed, unknown, wrong secret, revoked', async () => {
    const [client] = h.clients;
    const detail = async (authorization?: string) => {
      const r = await client!.send({ url: '/v1/cases', ...(authorization === undefined ? {} : { headers: { authorization } }) });
      expect(r.status).toBe(401);
      return problemOf(r).detail;
    };
    expect(await detail()).toMatch(/needs an API key.*Authorization: Bearer/);
    expect(await detail('Basic dXNlcjpwYXNz')).toMatch(/must be "Bearer bwk_<id>_<secret>"/);
    expect(await detail(`Bearer ${h.keys.admin.slice(0, -1)}`)).toMatch(/must be "Bearer bwk_/);
    expect(await detail(`Bearer bwk_0123456789ab_${'A'.repeat(43)}`)).toMatch(/not recognized/);
    const wrongSecret = `${h.keys.admin.slice(0, 17)}${h.keys.admin.at(17) === 'A' ? 'B' : 'A'}${h.keys.admin.slice(18)}`;
    expect(await detail(`Bearer ${wrongSecret}`)).toMatch(/not recognized/);
    expect(await detail(`Bearer ${h.keys.revoked}`)).toMatch(/was revoked/);
  });

  it('refuses to start with a route that declares no role', async () => {
    const app = Fastify();
    installAuth(app, h.store, new ApiKeyHasher(testHasher().keys));
    app.get('/forgotten', async () => 'x');
    await expect(app.ready()).rejects.toThrow(/every route must declare config.role; missing on GET \/forgotten/);
  });

  it('records the key as the actor of what it does', async () => {
    const { caseId } = await flaggedPost(h);
    await h.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/decision`, headers: { authorization: `Bearer ${h.keys.reviewer}` }, payload: decision });
    const entry = await h.store.db.selectFrom('audit_log').select(['actor']).where('action', '=', 'case.decided').where('subject_id', '=', String(caseId)).executeTakeFirstOrThrow();
    expect(entry.actor).toBe(`api-key:${h.keys.reviewer.slice(4, 16)}`);
    const created = await h.store.db.selectFrom('audit_log').select(['actor']).where('action', '=', 'case.created').where('subject_id', '=', String(caseId)).executeTakeFirstOrThrow();
    expect(created.actor).toBe(`api-key:${h.keys.ingest.slice(4, 16)}`);
  });
});

describe.each(DIALECTS)('per-key rate limits on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { rateLimit: 3 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses the request over the limit with a 429 problem and Retry-After, per key', async () => {
    for (const client of h.clients) {
      const key = await h.createKey(['reviewer']);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.send({ url: '/v1/cases', key })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const over = await client.send({ url: '/v1/cases', key });
      const p = problemOf(over);
      expect(p.code).toBe('RATE_LIMITED');
      expect(p.detail).toMatch(/3 requests per minute/);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      // Another key has its own budget; routes without a key are not limited.
      expect((await client.send({ url: '/v1/cases', key: await h.createKey(['reviewer']) })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await client.send({ url: '/healthz' })).status).toBe(200);
    }
  });

  it('honours a limit set on the key itself', async () => {
    const key = await h.createKey(['reviewer'], 5);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h.clients[0]!.send({ url: '/v1/cases', key })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
