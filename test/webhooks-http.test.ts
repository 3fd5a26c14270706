import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ApiKeyHasher } from '../src/keys/api-keys.js';
import { createApiKey } from '../src/store/api-keys.js';
import { Store } from '../src/store/store.js';
import { webhookDb } from '../src/store/webhook-schema.js';
import { WebhookDispatcher } from '../src/webhooks/dispatcher.js';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { createTestDatabase, DIALECTS, testHasher, type TestDatabase } from './store-fixtures.js';
import { TestReceiver } from './webhook-receiver.js';

const DOX = 'Officer Dana Whitfield lives at 1187 N Maplewood Ave, Chicago, IL 60622. her cell 312-555-0172. go pay her a visit';
const T0 = Date.UTC(2026, 10, 1);

describe.each(DIALECTS)('webhook API on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let now = T0;
  const clock = () => now;
  const hasher = testHasher();
  const receiver = new TestReceiver();
  const tokens: Record<'admin' | 'reviewer' | 'ingest', string> = { admin: '', reviewer: '', ingest: '' };

  const auth = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });
  const dispatcher = () => new WebhookDispatcher(store, { keys: hasher.keys, clock, random: () => 0, baseDelayMs: 1000, maxAttempts: 3 });

  /** Over real HTTP on loopback. */
  async function call(method: string, path: string, role: keyof typeof tokens | null, body?: unknown) {
    const response = await fetch(base + path, {
      method,
      headers: { ...(role === null ? {} : auth(role)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await Store.open(database.url);
    const ingestor = new Ingestor({ store, hasher, clock });
    app = await buildApp({ store, hasher, ingestor, clock, policyVersion: 'default@1', logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const apiKeys = new ApiKeyHasher(hasher.keys);
    for (const role of ['admin', 'reviewer', 'ingest'] as const) tokens[role] = (await createApiKey(store, apiKeys, { name: role, roles: [role] }, now, 'test')).token;
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await app.close();
    await store.close();
    await database.drop();
  });

  it('lets only admins manage endpoints and read deliveries', async () => {
    const routes = [
      ['POST', '/v1/webhooks/endpoints', { url: 'https://example.org/hook', events: ['case.created'] }],
      ['GET', '/v1/webhooks/endpoints'],
      ['DELETE', '/v1/webhooks/endpoints/1'],
      ['GET', '/v1/webhooks/deliveries'],
      ['GET', '/v1/webhooks/deliveries/1'],
      ['POST', '/v1/webhooks/deliveries/1/redeliver'],
    ] as const;
    for (const [method, url, payload] of routes) {
      const anonymous = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      for (const role of ['reviewer', 'ingest'] as const) {
        const refused = await app.inject({ method, url, headers: auth(role), ...(payload ? { payload } : {}) });
        expect(refused.statusCode, `${method} ${url} as ${role}`).toBe(403);
        expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
      }
    }
    expect(await webhookDb(store.db).selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);
  });

  it('refuses bad endpoint definitions with a clear 400 and stores nothing', async () => {
    const bad: [unknown, string][] = [
      [{ url: 'ftp://example.org/x', events: ['case.created'] }, '/url'],
      [{ url: 'https://user:secret@example.org/', events: ['case.created'] }, '/url'],
      [{ url: 'not a url', events: ['case.created'] }, '/url'],
      [{ url: 'https://example.org/', events: [] }, '/events'],
      [{ url: 'https://example.org/', events: ['case.deleted'] }, '/events/0'],
      [{ url: 'https://example.org/', events: ['case.created', 'case.created'] }, '/events'],
      [{ url: 'https://example.org/', events: ['case.created'], secret: 'mine' }, '/secret'],
      [{ url: 42, events: ['case.created'] }, '/url'],
    ];
    for (const [payload, pointer] of bad) {
      const r = await app.inject({ method: 'POST', url: '/v1/webhooks/endpoints', headers: auth('admin'), payload: payload as object });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, instance: '/v1/webhooks/endpoints' });
      expect((r.json() as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain(pointer);
    }
    const malformed = await app.inject({ method: 'POST', url: '/v1/webhooks/endpoints', headers: { ...auth('admin'), 'content-type': 'application/json' }, payload: '{"url": ' });
    expect(malformed.statusCode).toBe(400);
    expect(await webhookDb(store.db).selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);
  });

  it('creates an endpoint over HTTP, signs what the dispatcher sends, and shows delivery status', async () => {
    const created = await call('POST', '/v1/webhooks/endpoints', 'admin', { url: receiver.url, events: ['case.created', 'action.decided'], description: 'moderation queue' });
    expect(created.status).toBe(201);
    const secret = created.json?.secret as string;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const endpointId = created.json?.id as number;
    expect(created.json).toMatchObject({ url: receiver.url, events: ['case.created', 'action.decided'], description: 'moderation queue', createdAt: now });

    const listed = await call('GET', '/v1/webhooks/endpoints', 'admin');
    expect(listed.json?.items).toEqual([{ id: endpointId, url: receiver.url, events: ['case.created', 'action.decided'], description: 'moderation queue', createdAt: now }]);
    expect(JSON.stringify(listed.json)).not.toContain(secret.slice(6));

    const ingested = await call('POST', '/v1/posts', 'ingest', { source: 'forum', id: 'h1', text: DOX });
    const caseId = (ingested.json?.outcomes as { caseId: number }[])[0]?.caseId;
    expect(caseId).toBeGreaterThan(0);

    receiver.respond = () => 503;
    expect(await dispatcher().deliverDue()).toBe(1);
    let page = await call('GET', `/v1/webhooks/deliveries?endpointId=${endpointId}&status=failed`, 'admin');
    const [failed] = page.json?.items as { id: number; deliveryId: string; attempts: number; lastHttpStatus: number; nextAttemptAt: number }[];
    expect(failed).toMatchObject({ attempts: 1, lastHttpStatus: 503, nextAttemptAt: now + 500, eventType: 'case.created' });

    receiver.respond = () => 200;
    now += 500;
    expect(await dispatcher().deliverDue()).toBe(1);
    page = await call('GET', `/v1/webhooks/deliveries?endpointId=${endpointId}&status=delivered`, 'admin');
    expect(page.json?.items).toEqual([expect.objectContaining({ id: failed?.id, status: 'delivered', attempts: 2, lastHttpStatus: 200, deliveredAt: now, nextAttemptAt: null })]);
    expect((await call('GET', '/v1/webhooks/deliveries?status=failed', 'admin')).json?.items).toEqual([]);

    const detail = await call('GET', `/v1/webhooks/deliveries/${failed?.id}`, 'admin');
    expect(detail.json?.data).toMatchObject({ caseId, source: 'forum', externalId: 'h1' });

    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      expect(request.headers['bulwark-delivery']).toBe(failed?.deliveryId);
      expect(verifyWebhookSignature(secret, request.headers['bulwark-signature'] as string, request.body, now)).toMatchObject({ ok: true });
      expect(verifyWebhookSignature(secret, request.headers['bulwark-signature'] as string, request.body.replace('"forum"', '"other"'), now)).toEqual({ ok: false, reason: 'mismatch' });
    }

    const again = await call('POST', `/v1/webhooks/deliveries/${failed?.id}/redeliver`, 'admin');
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ id: failed?.id, status: 'pending', attempts: 0, nextAttemptAt: now });
    expect(await dispatcher().deliverDue()).toBe(1);
    expect(receiver.deliveryIds()).toEqual([failed?.deliveryId, failed?.deliveryId, failed?.deliveryId]);

    const decided = await call('POST', `/v1/cases/${caseId}/decision`, 'reviewer', { action: 'remove', reason: 'dox' });
    expect(decided.status).toBeLessThan(300);
    expect(await dispatcher().deliverDue()).toBe(1);
    expect(receiver.requests.at(-1)?.headers['bulwark-event']).toBe('action.decided');
  });

  it('pages deliveries with a cursor and refuses a forged one', async () => {
    const { json } = await call('POST', '/v1/webhooks/endpoints', 'admin', { url: receiver.url, events: ['case.created'] });
    const endpointId = json?.id as number;
    await call('POST', '/v1/posts', 'ingest', { posts: Array.from({ length: 5 }, (_, i) => ({ source: 'paging', id: `p${i}`, text: DOX })) });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/v1/webhooks/deliveries?endpointId=${endpointId}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`, 'admin');
      expect(page.status).toBe(200);
      seen.push(...(page.json?.items as { id: number }[]).map((d) => d.id));
      cursor = page.json?.nextCursor as string | null;
    } while (cursor !== null);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const forged = await call('GET', `/v1/webhooks/deliveries?cursor=${Buffer.from('["cases",1,2]').toString('base64url')}`, 'admin');
    expect(forged).toMatchObject({ status: 400, json: { code: 'INVALID_CURSOR' } });
    const wrongFilter = await call('GET', '/v1/webhooks/deliveries?status=lost', 'admin');
    expect(wrongFilter).toMatchObject({ status: 400, json: { code: 'VALIDATION_FAILED' } });
  });

  it('deletes an endpoint once, and answers unknown ids with problem documents', async () => {
    const { json } = await call('POST', '/v1/webhooks/endpoints', 'admin', { url: receiver.url, events: ['case.created'] });
    const endpointId = json?.id as number;
    await call('POST', '/v1/posts', 'ingest', { source: 'forum', id: 'del-1', text: DOX });
    const [delivery] = (await call('GET', `/v1/webhooks/deliveries?endpointId=${endpointId}`, 'admin')).json?.items as { id: number }[];

    expect((await call('DELETE', `/v1/webhooks/endpoints/${endpointId}`, 'admin')).status).toBe(204);
    const twice = await call('DELETE', `/v1/webhooks/endpoints/${endpointId}`, 'admin');
    expect(twice).toMatchObject({ status: 404, json: { code: 'WEBHOOK_ENDPOINT_NOT_FOUND', status: 404, instance: `/v1/webhooks/endpoints/${endpointId}` } });
    expect(twice.type).toMatch(/application\/problem\+json/);
    expect((await call('GET', `/v1/webhooks/deliveries/${delivery?.id}`, 'admin')).json).toMatchObject({ status: 'dead', lastError: 'the endpoint was deleted' });
    expect(await call('POST', `/v1/webhooks/deliveries/${delivery?.id}/redeliver`, 'admin')).toMatchObject({ status: 409, json: { code: 'WEBHOOK_ENDPOINT_DELETED' } });
    expect(await call('POST', '/v1/webhooks/deliveries/999999/redeliver', 'admin')).toMatchObject({ status: 404, json: { code: 'WEBHOOK_DELIVERY_NOT_FOUND' } });
    expect(await call('GET', '/v1/webhooks/deliveries/999999', 'admin')).toMatchObject({ status: 404, json: { code: 'WEBHOOK_DELIVERY_NOT_FOUND' } });
    expect((await call('DELETE', '/v1/webhooks/endpoints/abc', 'admin')).status).toBe(400);
  });
});
