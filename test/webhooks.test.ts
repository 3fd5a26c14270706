import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ingestor } from '../src/ingest/ingest.js';
import { decideCase } from '../src/store/cases.js';
import { claimDueDeliveries, enqueueEvents, listDeliveries, outboxDepth, purgeDeliveries, redeliver } from '../src/store/outbox.js';
import { Store } from '../src/store/store.js';
import { webhookDb } from '../src/store/webhook-schema.js';
import { addProtectedPerson } from '../src/store/watchlist.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, WebhookEndpointError } from '../src/store/webhook-endpoints.js';
import { WebhookDispatcher, type AttemptReport, type DispatcherOptions } from '../src/webhooks/dispatcher.js';
import type { WebhookEvent, WebhookEventType } from '../src/webhooks/events.js';
import { WebhookSecrets } from '../src/webhooks/secrets.js';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { createTestDatabase, DIALECTS, testHasher, type TestDatabase } from './store-fixtures.js';
import { TestReceiver } from './webhook-receiver.js';

const DOX = 'Officer Dana Whitfield lives at 1187 N Maplewood Ave, Chicago, IL 60622. her cell 312-555-0172. go pay her a visit';
const REPOST = 'Judge Karen Lowe lives at 47 Orchard Hill Rd, Glen Ellyn. cell 773-555-0148. you know what to do';
const BENIGN = 'Tacos al pastor 2x1 this Friday, open 11am to 9pm 🌮';
const T0 = Date.UTC(2026, 10, 1);
const ALL_EVENTS: WebhookEventType[] = ['case.created', 'action.decided', 'watchlist.hit', 'campaign.grown'];

const caseCreated = (caseId: number): WebhookEvent => ({
  type: 'case.created',
  data: { caseId, postId: caseId, source: 'forum', externalId: `x${caseId}`, severity: 'high', action: 'remove', labels: ['dox'], campaignId: null, watchlistHits: 0 },
});

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let now = T0;
  const clock = () => now;
  const hasher = testHasher();
  const secrets = new WebhookSecrets(hasher.keys);
  const receiver = new TestReceiver();
  let ingestor: Ingestor;
  let postSeq = 0;

  /** Dispatcher with a fixed clock and no jitter: the backoff is exactly half its nominal value. */
  const dispatcher = (over: Partial<DispatcherOptions> = {}, on: Store = store) =>
    new WebhookDispatcher(on, { keys: hasher.keys, clock, random: () => 0, baseDelayMs: 1000, maxAttempts: 4, timeoutMs: 2000, ...over });

  const endpoint = async (events: WebhookEventType[] = ALL_EVENTS, url = receiver.url) => createWebhookEndpoint(store, secrets, { url, events }, now, 'test');

  const deliveriesOf = (endpointId: number) => listDeliveries(store, { endpointId, limit: 500 });

  const enqueue = (...events: WebhookEvent[]) => store.transaction('test enqueue', (trx) => enqueueEvents(trx, now, events));

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await Store.open(database.url);
    ingestor = new Ingestor({ store, hasher, clock });
    await receiver.start();
  });

  afterEach(async () => {
    // Deleting every endpoint leaves no due delivery to leak into the next test.
    for (const e of await listWebhookEndpoints(store)) await deleteWebhookEndpoint(store, e.id, now, 'test');
    receiver.requests.length = 0;
    receiver.respond = () => 200;
  });

  afterAll(async () => {
    await receiver.stop();
    await store.close();
    await database.drop();
  });

  describe('outbox', () => {
    it('enqueues case.created and watchlist.hit in the ingest transaction, with ids and counts only', async () => {
      const { endpoint: e } = await endpoint();
      await addProtectedPerson(store, hasher, 'Case 7', [{ field: 'phone', value: '312 555 0172' }], now, 'test');
      const [outcome] = await ingestor.ingest([{ source: 'forum', id: `p${++postSeq}`, text: DOX, author: 'u1' }]);
      expect(outcome?.caseId).toBeDefined();
      const deliveries = await deliveriesOf(e.id);
      expect(deliveries.map((d) => d.eventType).sort()).toEqual(['case.created', 'watchlist.hit']);
      expect(deliveries.every((d) => d.status === 'pending' && d.attempts === 0 && d.nextAttemptAt === now)).toBe(true);
      const rows = await webhookDb(store.db).selectFrom('webhook_deliveries').select(['event_type', 'payload_json']).where('endpoint_id', '=', e.id).execute();
      const byType = Object.fromEntries(rows.map((r) => [r.event_type, JSON.parse(r.payload_json) as Record<string, unknown>]));
      expect(byType['case.created']).toMatchObject({ caseId: outcome?.caseId, postId: outcome?.postId, source: 'forum', externalId: `p${postSeq}`, labels: expect.arrayContaining(['dox']), watchlistHits: 1 });
      expect(byType['watchlist.hit']).toMatchObject({ caseId: outcome?.caseId, hits: [{ field: 'phone' }] });
      for (const r of rows) expect(r.payload_json).not.toMatch(/Whitfield|Maplewood|555|0172|u1/);
    });

    it('enqueues nothing for a benign post, and nothing when the causing transaction rolls back', async () => {
      const { endpoint: e } = await endpoint();
      await ingestor.ingest([{ source: 'forum', id: `p${++postSeq}`, text: BENIGN }]);
      expect(await deliveriesOf(e.id)).toEqual([]);

      const { prepared } = await ingestor.prepare([
        { source: 'rollback', id: 'a', text: DOX },
        { source: 'rollback', id: 'b', text: DOX },
      ]);
      const broken = { ...prepared[1]!, post: { ...prepared[1]!.post, source: null as unknown as string } };
      await expect(store.saveBatch([prepared[0]!, broken], [], now)).rejects.toThrow();
      expect(await deliveriesOf(e.id)).toEqual([]);

      await expect(store.transaction('enqueue then fail', async (trx) => {
        await enqueueEvents(trx, now, [caseCreated(1)]);
        throw new Error('the change failed');
      })).rejects.toThrow('the change failed');
      expect(await deliveriesOf(e.id)).toEqual([]);
    });

    it('enqueues action.decided with the decision, and not when the decision is refused', async () => {
      const [outcome] = await ingestor.ingest([{ source: 'forum', id: `p${++postSeq}`, text: DOX }]);
      const { endpoint: e } = await endpoint(['action.decided']);
      const decisionId = await decideCase(store, outcome!.caseId!, { actor: 'reviewer@example.org', action: 'remove', reason: 'dox of Dana', policyVersion: 'default@1' }, now);
      const [delivery] = await deliveriesOf(e.id);
      expect(delivery?.eventType).toBe('action.decided');
      const row = await webhookDb(store.db).selectFrom('webhook_deliveries').select('payload_json').where('id', '=', delivery!.id).executeTakeFirstOrThrow();
      expect(JSON.parse(row.payload_json)).toEqual({ caseId: outcome!.caseId, decisionId, postId: outcome!.postId, source: 'forum', externalId: `p${postSeq}`, action: 'remove', policyVersion: 'default@1' });
      expect(row.payload_json).not.toMatch(/reviewer|Dana/);
      await expect(decideCase(store, outcome!.caseId!, { actor: 'r', action: 'allow', reason: 'again', policyVersion: 'default@1' }, now)).rejects.toThrow(/already decided/);
      expect(await deliveriesOf(e.id)).toHaveLength(1);
    });

    it('enqueues campaign.grown only when a campaign reaches 2, 5, 10 … posts', async () => {
      const { endpoint: e } = await endpoint(['campaign.grown']);
      const outcomes = await ingestor.ingest(Array.from({ length: 6 }, (_, i) => ({ source: 'repost', id: `r${i}`, text: REPOST, author: `a${i % 3}`, channel: 'c' })));
      const campaignId = outcomes[0]?.campaignId;
      expect(campaignId).toBeDefined();
      expect(outcomes.every((o) => o.campaignId === campaignId)).toBe(true);
      const rows = await webhookDb(store.db).selectFrom('webhook_deliveries').select('payload_json').where('endpoint_id', '=', e.id).orderBy('id').execute();
      expect(rows.map((r) => JSON.parse(r.payload_json) as unknown)).toEqual([
        { campaignId, postId: outcomes[1]?.postId, source: 'repost', externalId: 'r1', postCount: 2, authorCount: 2, channelCount: 1 },
        { campaignId, postId: outcomes[4]?.postId, source: 'repost', externalId: 'r4', postCount: 5, authorCount: 3, channelCount: 1 },
      ]);
    });

    it('sends each endpoint only the events it subscribed to, and nothing after it is deleted', async () => {
      const { endpoint: cases } = await endpoint(['case.created']);
      const { endpoint: decisions } = await endpoint(['action.decided']);
      await enqueue(caseCreated(1));
      expect((await deliveriesOf(cases.id)).map((d) => d.eventType)).toEqual(['case.created']);
      expect(await deliveriesOf(decisions.id)).toEqual([]);
      await enqueue(caseCreated(2));
      await deleteWebhookEndpoint(store, cases.id, now, 'test');
      await enqueue(caseCreated(3));
      expect((await deliveriesOf(cases.id)).map((d) => d.status)).toEqual(['dead', 'dead']);
      await expect(deleteWebhookEndpoint(store, cases.id, now, 'test')).rejects.toThrow(WebhookEndpointError);
    });

    it('stores no signing secret and refuses unusable URLs and event types', async () => {
      const { endpoint: e, secret } = await endpoint();
      const row = await webhookDb(store.db).selectFrom('webhook_endpoints').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(secret.slice(6));
      expect(secrets.secretFor({ keyId: row.secret_key_id, salt: row.secret_salt })).toBe(secret);
      expect(new WebhookSecrets([{ id: hasher.currentKeyId, secret: Buffer.alloc(32, 7) }]).secretFor({ keyId: row.secret_key_id, salt: row.secret_salt })).not.toBe(secret);
      const bad = (url: string, events: string[] = ['case.created']) => createWebhookEndpoint(store, secrets, { url, events }, now, 'test');
      await expect(bad('ftp://example.org/x')).rejects.toThrow(/scheme/);
      await expect(bad('/relative')).rejects.toThrow(/absolute/);
      await expect(bad('https://user:pw@example.org/')).rejects.toThrow(/password/);
      await expect(bad('https://example.org/', ['case.deleted'])).rejects.toThrow(/unknown: case.deleted/);
      await expect(bad('https://example.org/', [])).rejects.toThrow(/one or more/);
    });
  });

  describe('dispatcher', () => {
    it('POSTs the signed event with its headers and marks it delivered, once', async () => {
      const { endpoint: e, secret } = await endpoint();
      await enqueue(caseCreated(11));
      const d = dispatcher();
      expect(await d.deliverDue()).toBe(1);
      expect(await d.deliverDue()).toBe(0);
      expect(receiver.requests).toHaveLength(1);
      const request = receiver.requests[0]!;
      const [delivery] = await deliveriesOf(e.id);
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['bulwark-event']).toBe('case.created');
      expect(request.headers['bulwark-delivery']).toBe(delivery?.deliveryId);
      expect(verifyWebhookSignature(secret, request.headers['bulwark-signature'] as string, request.body, now)).toEqual({ ok: true, timestamp: Math.floor(now / 1000) });
      expect(JSON.parse(request.body)).toEqual({ id: delivery?.eventId, type: 'case.created', createdAt: now, data: caseCreated(11).data });
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastHttpStatus: 200, lastError: null, deliveredAt: now, nextAttemptAt: null });
      expect(await outboxDepth(store)).toBe(0);
    });

    it('retries a 500 with exponential backoff, then delivers', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(12));
      const reports: AttemptReport[] = [];
      const d = dispatcher({ onAttempt: (r) => reports.push(r) });
      receiver.respond = () => 500;
      const start = now;
      await d.deliverDue();
      let [delivery] = await deliveriesOf(e.id);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastHttpStatus: 500, lastError: 'HTTP 500', nextAttemptAt: start + 500 });
      now = start + 499;
      expect(await d.deliverDue()).toBe(0);
      now = start + 500;
      await d.deliverDue();
      [delivery] = await deliveriesOf(e.id);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: now + 1000 });
      receiver.respond = () => 204;
      now += 1000;
      await d.deliverDue();
      [delivery] = await deliveriesOf(e.id);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastHttpStatus: 204, lastError: null });
      expect(reports.map((r) => r.outcome)).toEqual(['failed', 'failed', 'delivered']);
      expect(new Set(receiver.deliveryIds())).toEqual(new Set([delivery?.deliveryId]));
      // Reports carry ids and statuses, never the endpoint URL or the body.
      expect(JSON.stringify(reports)).not.toMatch(/hook|Maple|caseId/);
    });

    it('spreads retries with jitter from the injected random source', () => {
      const spread = (r: number) => dispatcher({ random: () => r, baseDelayMs: 1000, maxDelayMs: 5000 });
      expect([1, 2, 3, 4, 5].map((n) => spread(0).backoffMs(n))).toEqual([500, 1000, 2000, 2500, 2500]);
      expect(spread(0.5).backoffMs(2)).toBe(1500);
      expect(spread(0.999).backoffMs(1)).toBe(1000);
    });

    it('retries when the connection is refused and gives up as dead after the last attempt', async () => {
      const down = new TestReceiver();
      await down.start();
      const url = down.url;
      await down.stop();
      const { endpoint: e } = await endpoint(['case.created'], url);
      await enqueue(caseCreated(13));
      const d = dispatcher({ maxAttempts: 3 });
      const delays: number[] = [];
      for (let i = 0; i < 3; i++) {
        const before = now;
        expect(await d.deliverDue()).toBe(1);
        const [delivery] = await deliveriesOf(e.id);
        expect(delivery?.lastError).toMatch(/ECONNREFUSED/);
        expect(delivery?.lastHttpStatus).toBeNull();
        if (delivery?.nextAttemptAt != null) {
          delays.push(delivery.nextAttemptAt - before);
          now = delivery.nextAttemptAt;
        }
      }
      expect(delays).toEqual([500, 1000]);
      const [dead] = await deliveriesOf(e.id);
      expect(dead).toMatchObject({ status: 'dead', attempts: 3, nextAttemptAt: null });
      now += 24 * 60 * 60_000;
      expect(await d.deliverDue()).toBe(0);
    });

    it('times out a receiver that does not answer', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(14));
      receiver.respond = () => 'hang';
      await dispatcher({ timeoutMs: 150 }).deliverDue();
      const [delivery] = await deliveriesOf(e.id);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no response within 150 ms' });
    });

    it('redelivers after a restart: queued while the receiver is down, sent exactly once per delivery when it is back', async () => {
      const { endpoint: e, secret } = await endpoint();
      await enqueue(caseCreated(21), caseCreated(22), caseCreated(23));
      await receiver.stop();
      const first = dispatcher();
      first.start();
      await waitFor(async () => (await deliveriesOf(e.id)).every((d) => d.status === 'failed'));
      await first.stop();
      await store.close();

      await receiver.start();
      now += 60_000;
      store = await Store.open(database.url);
      ingestor = new Ingestor({ store, hasher, clock });
      const second = dispatcher({ pollIntervalMs: 20 });
      second.start();
      await waitFor(async () => (await deliveriesOf(e.id)).every((d) => d.status === 'delivered'));
      // A few more polling rounds must send nothing again.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await second.stop();

      const deliveries = await deliveriesOf(e.id);
      expect(deliveries.every((d) => d.attempts === 2)).toBe(true);
      expect(receiver.deliveryIds().sort()).toEqual(deliveries.map((d) => d.deliveryId).sort());
      for (const r of receiver.requests) expect(verifyWebhookSignature(secret, r.headers['bulwark-signature'] as string, r.body, now).ok).toBe(true);
    });

    it('stop() aborts a request in flight and records it as a failed attempt to retry', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(24));
      receiver.respond = () => 'hang';
      const d = dispatcher({ timeoutMs: 60_000 });
      d.start();
      await waitFor(async () => receiver.requests.length === 1);
      const stoppedAt = Date.now();
      await d.stop();
      expect(Date.now() - stoppedAt).toBeLessThan(5000);
      expect((await deliveriesOf(e.id))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the dispatcher stopped', nextAttemptAt: now + 500 });
      receiver.respond = () => 200;
      now += 500;
      expect(await dispatcher().deliverDue()).toBe(1);
      expect((await deliveriesOf(e.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('sends again after the lease when a dispatcher died mid-delivery', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(31));
      const [claimed] = await claimDueDeliveries(store, now, { limit: 10, leaseMs: 5000, maxAttempts: 4 });
      expect(claimed?.attempts).toBe(1);
      expect(await dispatcher().deliverDue()).toBe(0);
      now += 5000;
      expect(await dispatcher().deliverDue()).toBe(1);
      expect((await deliveriesOf(e.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(receiver.requests).toHaveLength(1);
    });

    it('lets several dispatchers share the outbox without sending a delivery twice', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(...Array.from({ length: 60 }, (_, i) => caseCreated(100 + i)));
      // On PostgreSQL a second connection pool competes for the rows. SQLite serializes writers
      // per database; within one process the dispatchers share the store's single connection.
      const other = dialect === 'postgres' ? await Store.open(database.url) : store;
      try {
        const workers = [dispatcher({ batchSize: 7 }), dispatcher({ batchSize: 7 }, other), dispatcher({ batchSize: 5 }, other)];
        const drain = async (d: WebhookDispatcher) => {
          while ((await d.deliverDue()) > 0);
        };
        await Promise.all(workers.map(drain));
      } finally {
        if (other !== store) await other.close();
      }
      const deliveries = await deliveriesOf(e.id);
      expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
      expect(receiver.deliveryIds()).toHaveLength(60);
      expect(new Set(receiver.deliveryIds()).size).toBe(60);
    });

    it('redelivers a dead delivery on request, with the same delivery id', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(41));
      receiver.respond = () => 410;
      await dispatcher({ maxAttempts: 1 }).deliverDue();
      const [dead] = await deliveriesOf(e.id);
      expect(dead).toMatchObject({ status: 'dead', lastHttpStatus: 410 });
      receiver.respond = () => 200;
      const scheduled = await redeliver(store, dead!.id, now, 'admin');
      expect(scheduled).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now });
      await dispatcher({ maxAttempts: 1 }).deliverDue();
      expect((await deliveriesOf(e.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(receiver.deliveryIds()).toEqual([dead!.deliveryId, dead!.deliveryId]);
      await expect(redeliver(store, 999_999, now, 'admin')).rejects.toThrow(/does not exist/);
    });

    it('fails clearly when the server key that signs an endpoint is gone', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(51));
      await dispatcher({ keys: [{ id: 'other', secret: Buffer.alloc(32, 1) }] }).deliverDue();
      expect((await deliveriesOf(e.id))[0]?.lastError).toMatch(/server key "test" .* no longer configured/);
      expect(receiver.requests).toHaveLength(0);
    });

    it('purges old delivered deliveries and keeps the ones still to send', async () => {
      const { endpoint: e } = await endpoint();
      await enqueue(caseCreated(61));
      await dispatcher().deliverDue();
      receiver.respond = () => 500;
      await enqueue(caseCreated(62));
      await dispatcher().deliverDue();
      expect(await purgeDeliveries(store, now + 1)).toBeGreaterThanOrEqual(1);
      expect((await deliveriesOf(e.id)).map((d) => d.status)).toEqual(['failed']);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
