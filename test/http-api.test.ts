import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { Store } from '../src/store/store.js';
import { BENIGN, doxText, problemOf, startHarness, T0, type Client, type Harness } from './http-fixtures.js';
import { createTestDatabase, DIALECTS, testHasher } from './store-fixtures.js';

const HOUR = 3_600_000;

interface Outcome {
  source: string;
  id: string;
  status: 'stored' | 'duplicate';
  postId: number;
  caseId: number | null;
  campaignId: number | null;
  action: string;
  severity: string;
  labels: string[];
}

describe.each(DIALECTS)('HTTP API on %s', (dialect) => {
  let h: Harness;
  let client: Client;
  let http: Client;

  beforeAll(async () => {
    h = await startHarness(dialect);
    [client, http] = h.clients as [Client, Client];
  });
  afterAll(async () => {
    await h.close();
  });

  const ingest = async (body: unknown, via = client): Promise<Outcome[]> => {
    const r = await via.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, body });
    expect(r.status, r.body).toBe(200);
    return r.json<{ outcomes: Outcome[] }>().outcomes;
  };

  it('analyzes without storing anything, and never returns canonical values', async () => {
    const before = await h.counts();
    for (const via of h.clients) {
      const r = await via.send({ method: 'POST', url: '/v1/analyze', key: h.keys.ingest, body: { id: 'inline-1', text: doxText(1) } });
      expect(r.status).toBe(200);
      const body = r.json<{ id: string; findings: { type: string; canonical?: string }[]; labels: { dox: { flagged: boolean; evidence: unknown[] } }; action: string; severity: string; policyVersion: string }>();
      expect(body.id).toBe('inline-1');
      expect(body.labels.dox.flagged).toBe(true);
      expect(body.labels.dox.evidence.length).toBeGreaterThan(0);
      expect(body.findings.map((f) => f.type)).toEqual(expect.arrayContaining(['street_address', 'phone']));
      expect(body.findings.every((f) => f.canonical === undefined)).toBe(true);
      expect(body.action).not.toBe('allow');
      expect(body.policyVersion).toBe('default@1');
    }
    expect(await h.counts()).toEqual(before);
  });

  it('reports watchlist hits by person id and field only', async () => {
    const created = await client.send({ method: 'POST', url: '/v1/watchlist', key: h.keys.admin, body: { label: 'Case 114', identifiers: [{ field: 'phone', value: '(312) 555-1002' }, { field: 'name', value: 'Dana Whitfield' }] } });
    expect(created.status).toBe(201);
    expect(created.body).not.toMatch(/555|Whitfield|1002/);
    const personId = created.json<{ id: number }>().id;
    const r = await client.send({ method: 'POST', url: '/v1/analyze', key: h.keys.ingest, body: { text: doxText(2) } });
    const hits = r.json<{ watchlist: { personId: number; field: string }[] }>().watchlist;
    expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ personId, field: 'phone' })]));
    expect(Object.keys(hits[0]!).sort()).toEqual(['field', 'finding', 'personId']);
    await client.send({ method: 'DELETE', url: `/v1/watchlist/${personId}`, key: h.keys.admin });
  });

  it('stores one post or a batch, and a repeat stores nothing new (idempotent by source and id)', async () => {
    const single = await ingest({ source: 'forum', id: 'a1', text: doxText(3), author: 'u1', channel: 'c1' });
    expect(single).toHaveLength(1);
    expect(single[0]).toMatchObject({ source: 'forum', id: 'a1', status: 'stored', labels: expect.arrayContaining(['dox']) });
    expect(single[0]!.caseId).not.toBeNull();

    const batch = { posts: [{ source: 'forum', id: 'a2', text: BENIGN }, { source: 'forum', id: 'a3', text: doxText(4), receivedAt: T0 - HOUR }] };
    const first = await ingest(batch);
    expect(first.map((o) => [o.id, o.status])).toEqual([
      ['a2', 'stored'],
      ['a3', 'stored'],
    ]);
    expect(first[0]).toMatchObject({ caseId: null, action: 'allow', severity: 'none', labels: [] });
    const counts = await h.counts();

    for (const via of h.clients) {
      const again = await ingest(batch, via);
      expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
      expect(again.map(({ status: _s, ...o }) => o)).toEqual(first.map(({ status: _s, ...o }) => o));
      expect(await ingest({ source: 'forum', id: 'a1', text: 'changed text' }, via)).toEqual([{ ...single[0], status: 'duplicate' }]);
    }
    expect(await h.counts()).toEqual(counts);
  });

  it('lists cases most severe first with filters and an opaque cursor', async () => {
    for (let i = 10; i < 17; i++) {
      h.advance(1000);
      await ingest({ source: 'queue', id: `q${i}`, text: doxText(i) });
    }
    const all: { id: number; severity: string; status: string; createdAt: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: Awaited<ReturnType<Client['send']>> = await http.send({ url: `/v1/cases?status=open&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`, key: h.keys.reviewer });
      expect(r.status).toBe(200);
      const page = r.json<{ items: typeof all; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      all.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 20);
    const total = (await h.store.db.selectFrom('cases').select('id').where('status', '=', 'open').execute()).length;
    expect(all).toHaveLength(total);
    expect(new Set(all.map((c) => c.id)).size).toBe(total);
    const rank = ['none', 'low', 'medium', 'high', 'critical'];
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(rank.indexOf(a.severity) > rank.indexOf(b.severity) || (a.severity === b.severity && a.createdAt <= b.createdAt)).toBe(true);
    }
    const high = await client.send({ url: `/v1/cases?severity=${all[0]!.severity}`, key: h.keys.reviewer });
    expect(high.json<{ items: { severity: string }[] }>().items.every((c) => c.severity === all[0]!.severity)).toBe(true);
  });

  it('shows one case in full, takes one decision, and refuses a second', async () => {
    const [o] = await ingest({ source: 'detail', id: 'd1', text: doxText(30), author: 'acct-9' });
    const r = await http.send({ url: `/v1/cases/${o!.caseId}`, key: h.keys.reviewer });
    expect(r.status).toBe(200);
    const c = r.json<{
      id: number;
      status: string;
      campaignId: number | null;
      post: { text: string; masked: boolean; source: string; externalId: string; author: string };
      assessment: { labels: { dox: { flagged: boolean; evidence: { start: number; end: number }[]; explanation: string } }; policyVersion: string };
      findings: { type: string; start: number; end: number }[];
      watchlistHits: unknown[];
      decisions: unknown[];
    }>();
    expect(c).toMatchObject({ id: o!.caseId, status: 'open', campaignId: o!.campaignId, post: { masked: true, source: 'detail', externalId: 'd1', author: 'acct-9' }, decisions: [] });
    expect(c.assessment.labels.dox.flagged).toBe(true);
    // Personal data is masked; one span at a time is revealed with a reason.
    expect(c.post.text).toContain('[phone]');
    expect(c.post.text).not.toContain('312-555-1030');
    const phone = c.findings.findIndex((f) => f.type === 'phone');
    const revealed = await http.send({ method: 'POST', url: `/v1/cases/${o!.caseId}/reveal`, key: h.keys.reviewer, body: { finding: phone, reason: 'check the number' } });
    expect(revealed.json()).toEqual({ finding: phone, type: 'phone', text: '312-555-1030' });
    expect(c.watchlistHits).toEqual([]);
    expect(c.assessment.labels.dox.evidence.length).toBeGreaterThan(0);

    const decided = await http.send({ method: 'POST', url: `/v1/cases/${o!.caseId}/decision`, key: h.keys.reviewer, body: { action: 'remove', reason: 'home address and phone' } });
    expect(decided.status).toBe(201);
    expect(decided.json()).toMatchObject({ caseId: o!.caseId, action: 'remove', policyVersion: 'default@1' });
    const after = (await client.send({ url: `/v1/cases/${o!.caseId}`, key: h.keys.reviewer })).json<{ status: string; decisions: { actor: string; action: string; reason: string }[] }>();
    expect(after.status).toBe('decided');
    expect(after.decisions).toEqual([expect.objectContaining({ action: 'remove', reason: 'home address and phone', actor: `api-key:${h.keys.reviewer.slice(4, 16)}` })]);
    const again = await client.send({ method: 'POST', url: `/v1/cases/${o!.caseId}/decision`, key: h.keys.admin, body: { action: 'allow', reason: 'changed my mind' } });
    expect(again.status).toBe(409);
    expect(problemOf(again).code).toBe('CASE_ALREADY_DECIDED');
  });

  it('shows watchlist hits of a case as person id and field', async () => {
    const person = (await client.send({ method: 'POST', url: '/v1/watchlist', key: h.keys.admin, body: { label: 'Case 7', identifiers: [{ field: 'phone', value: '312 555 1031' }] } })).json<{ id: number }>();
    const [o] = await ingest({ source: 'detail', id: 'd2', text: doxText(31) });
    const c = (await client.send({ url: `/v1/cases/${o!.caseId}`, key: h.keys.reviewer })).json<{ watchlistHits: unknown[] }>();
    expect(c.watchlistHits).toEqual([{ personId: person.id, label: 'Case 7', field: 'phone' }]);
  });

  it('groups reposts into a campaign with counts and an hourly timeline, and acts on all of its open cases at once', async () => {
    const text = doxText(40);
    const reposts = [
      { source: 'camp', id: 'r1', text, author: 'a1', channel: 'c1', receivedAt: T0 },
      { source: 'camp', id: 'r2', text: `${text} !!`, author: 'a2', channel: 'c1', receivedAt: T0 + 10 * 60_000 },
      { source: 'camp', id: 'r3', text: `RT ${text}`, author: 'a2', channel: 'c2', receivedAt: T0 + 2 * HOUR + 5 },
    ];
    const outcomes = await ingest({ posts: reposts });
    const campaignId = outcomes[0]!.campaignId!;
    expect(outcomes.every((o) => o.campaignId === campaignId)).toBe(true);

    const list = (await client.send({ url: '/v1/campaigns?limit=200', key: h.keys.reviewer })).json<{ items: { id: number }[] }>();
    expect(list.items.map((c) => c.id)).toContain(campaignId);
    const r = await http.send({ url: `/v1/campaigns/${campaignId}`, key: h.keys.reviewer });
    expect(r.status).toBe(200);
    const details = r.json<{ postCount: number; authorCount: number; channelCount: number; cases: { open: number }; timeline: { hour: number; posts: number }[]; firstSeen: number; lastSeen: number }>();
    expect(details).toMatchObject({ postCount: 3, authorCount: 2, channelCount: 2, cases: { open: 3 }, firstSeen: T0, lastSeen: T0 + 2 * HOUR + 5 });
    const hourOf = (t: number) => Math.floor(t / HOUR) * HOUR;
    expect(details.timeline).toEqual([
      { hour: hourOf(T0), posts: 2 },
      { hour: hourOf(T0 + 2 * HOUR), posts: 1 },
    ]);

    const hook = await client.send({ method: 'POST', url: '/v1/webhooks/endpoints', key: h.keys.admin, body: { url: 'https://platform.example/hooks/bulwark', events: ['action.decided'] } });
    expect(hook.status).toBe(201);
    // Another reviewer is working one of the cases: the campaign action leaves it to them.
    const held = outcomes[1]!.caseId!;
    const colleague = await h.createKey(['reviewer']);
    expect((await http.send({ method: 'POST', url: `/v1/cases/${held}/claim`, key: colleague })).status).toBe(200);
    const auditBefore = await h.count('audit_log');
    const acted = await http.send({ method: 'POST', url: `/v1/campaigns/${campaignId}/action`, key: h.keys.reviewer, body: { action: 'remove', reason: 'coordinated dox' } });
    expect(acted.status).toBe(200);
    expect(acted.json<{ decided: number; caseIds: number[]; skippedLocked: number }>()).toMatchObject({ decided: 2, caseIds: outcomes.map((o) => o.caseId).filter((id) => id !== held), skippedLocked: 1 });
    expect(await h.count('audit_log')).toBe(auditBefore + 3);
    const deliveries = await h.store.db.withTables<{ webhook_deliveries: { event_type: string } }>().selectFrom('webhook_deliveries').select('event_type').where('event_type', '=', 'action.decided').execute();
    // One action.decided per case, for the endpoint subscribed just before, as a single decision would.
    expect(deliveries).toHaveLength(2);
    const open = await client.send({ url: `/v1/cases?status=open&campaign=${campaignId}`, key: h.keys.reviewer });
    expect(open.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toEqual([held]);
    const decided = await client.send({ url: `/v1/cases?status=decided&campaign=${campaignId}`, key: h.keys.reviewer });
    expect(decided.json<{ items: unknown[] }>().items).toHaveLength(2);
    const twice = await client.send({ method: 'POST', url: `/v1/campaigns/${campaignId}/action`, key: h.keys.reviewer, body: { action: 'remove', reason: 'again' } });
    expect(twice.json<{ decided: number; skippedLocked: number }>()).toMatchObject({ decided: 0, skippedLocked: 1 });
  });

  it('registers, lists and removes protected persons without ever returning an identifier', async () => {
    const identifiers = [
      { field: 'name', value: 'Karen Lowe' },
      { field: 'email', value: 'karen.lowe+x@gmail.com' },
      { field: 'address', value: '47 Orchard Hill Rd, Glen Ellyn, IL 60137' },
    ];
    const created = await http.send({ method: 'POST', url: '/v1/watchlist', key: h.keys.admin, body: { label: 'Judge 12', identifiers } });
    expect(created.status).toBe(201);
    const { id, fields } = created.json<{ id: number; fields: Record<string, number> }>();
    expect(Object.keys(fields).sort()).toEqual(['address', 'email', 'name']);
    const listed = await http.send({ url: '/v1/watchlist', key: h.keys.admin });
    for (const body of [created.body, listed.body]) for (const v of ['Karen', 'Lowe', 'karen', 'gmail', 'Orchard', '60137']) expect(body).not.toContain(v);
    expect(listed.json<{ items: { id: number; label: string }[] }>().items).toEqual(expect.arrayContaining([expect.objectContaining({ id, label: 'Judge 12' })]));
    expect((await http.send({ method: 'DELETE', url: `/v1/watchlist/${id}`, key: h.keys.admin })).status).toBe(204);
    expect((await http.send({ method: 'DELETE', url: `/v1/watchlist/${id}`, key: h.keys.admin })).status).toBe(404);
    expect((await http.send({ url: '/v1/watchlist', key: h.keys.admin })).json<{ items: { id: number }[] }>().items.map((p) => p.id)).not.toContain(id);
  });

  it('pages through the audit log in order and verifies the chain', async () => {
    const total = await h.count('audit_log');
    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { seq: number; hash: string; prevHash: string }[]; nextCursor: string | null } = (await client.send({ url: `/v1/audit?limit=7${cursor === null ? '' : `&cursor=${cursor}`}`, key: h.keys.admin })).json();
      seqs.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seqs).toHaveLength(total);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const verify = (await http.send({ url: '/v1/audit/verify', key: h.keys.admin })).json<{ ok: boolean; entries: number; head: { seq: number } }>();
    expect(verify).toMatchObject({ ok: true, entries: total, head: { seq: seqs.at(-1) } });
  });

  it('exposes Prometheus metrics: requests and latency by route, posts by label and action, open cases', async () => {
    const r = await http.send({ url: '/metrics' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/bulwark_http_requests_total\{method="POST",route="\/v1\/posts",status="200"\} \d+/);
    expect(r.body).toMatch(/bulwark_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/v1\/cases\/:id"\}/);
    expect(r.body).toMatch(/bulwark_posts_total\{label="dox",action="(remove|review|escalate)"\} [1-9]/);
    expect(r.body).toMatch(/bulwark_posts_total\{label="none",action="allow"\} [1-9]/);
    const open = (await h.store.db.selectFrom('cases').select('severity').where('status', '=', 'open').execute()).length;
    const gauge = [...r.body.matchAll(/^bulwark_open_cases\{severity="\w+"\} (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
    expect(gauge).toBe(open);
    expect(r.body).not.toMatch(/route="\/v1\/cases\/\d+"/);
  });

  it('serves the docs and their assets itself, with no CDN', async () => {
    const page = await http.send({ url: '/docs' });
    expect(page.status).toBe(200);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((a) => /^(?:https?:)?\/\//.test(a))).toEqual([]);
    for (const asset of assets.filter((a) => a.startsWith('/docs/'))) expect((await http.send({ url: asset })).status, asset).toBe(200);
    expect((await http.send({ url: '/docs/static/swagger-ui-bundle.js' })).status).toBe(200);
  });

  it('answers health and readiness', async () => {
    expect((await http.send({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await http.send({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});

describe('readiness without a database', () => {
  it('answers 503 with a problem when the database is gone', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await Store.open(database.url);
    const hasher = testHasher();
    const app = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'p' });
    await store.close();
    const r = await app.inject({ url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
    expect(r.headers['retry-after']).toBe('5');
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});
