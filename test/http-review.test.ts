import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_YAML } from '../src/core/policy/default-policy.js';
import { loadPolicy } from '../src/core/policy/policy.js';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ApiKeyHasher } from '../src/keys/api-keys.js';
import { createApiKey } from '../src/store/api-keys.js';
import { claimCase } from '../src/store/cases.js';
import { purgePostText } from '../src/store/retention.js';
import { Store } from '../src/store/store.js';
import { doxText, injectClient, problemOf, startHarness, T0, type Client, type Harness } from './http-fixtures.js';
import { createTestDatabase, DIALECTS, testHasher } from './store-fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hourOf = (t: number) => Math.floor(t / HOUR) * HOUR;
const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

const SPANISH_DOX = 'La jueza Marta Ruiz vive en Calle de Alcalá 120, 28009 Madrid. Su teléfono es 612 345 678. Vamos a hacerle una visita.';
const THREAT_ONLY = 'I will kill you Tom Becker, you are dead tomorrow';
const BOUNTY = '$5000 to anyone who breaks the legs of Judge Greg Hanley';
const PLAIN = 'The library opens at 9am on Saturdays; bring your card.';

interface Outcome {
  postId: number;
  caseId: number | null;
  campaignId: number | null;
  action: string;
  severity: string;
}

interface Segment {
  kind: 'text' | 'masked';
  start: number;
  end: number;
  text?: string;
  finding?: number;
  type?: string;
  placeholder?: string;
}

interface CaseBody {
  id: number;
  status: string;
  lockedBy: string | null;
  lockedUntil: number | null;
  post: { text: string | null; segments: Segment[] | null; masked: boolean };
  findings: { type: string; start: number; end: number }[];
  assessment: { labels: Record<string, { evidence: Record<string, unknown>[] }> };
  campaign: { id: number; postCount: number; authorCount: number; channelCount: number; firstSeen: number; lastSeen: number } | null;
  watchlistHits: { personId: number; label: string; field: string }[];
  history: { at: number; actor: string; action: string; details: Record<string, unknown> }[];
}

interface QueueItem {
  id: number;
  severity: string;
  createdAt: number;
  labels: string[];
  language: string | null;
  watchlistHits: number;
  campaignSize: number | null;
  lockedBy: string | null;
  lockedUntil: number | null;
  lockedByMe: boolean;
}

const actorOfKey = (token: string) => `api-key:${token.slice(4, 16)}`;

describe.each(DIALECTS)('review API on %s', (dialect) => {
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

  const ingest = async (posts: unknown[]): Promise<Outcome[]> => {
    const r = await client.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, body: { posts } });
    expect(r.status, r.body).toBe(200);
    return r.json<{ outcomes: Outcome[] }>().outcomes;
  };
  const getCase = async (id: number, key = h.keys.reviewer) => (await client.send({ url: `/v1/cases/${id}`, key })).json<CaseBody>();
  const queue = async (query: string, key = h.keys.reviewer) => {
    const r = await http.send({ url: `/v1/cases?limit=200&${query}`, key });
    expect(r.status, r.body).toBe(200);
    return r.json<{ items: QueueItem[] }>().items;
  };

  it('lists the queue most severe first, oldest first within a severity, with labels, language, watchlist hits, campaign size and locks', async () => {
    const person = await client.send({ method: 'POST', url: '/v1/watchlist', key: h.keys.admin, body: { label: 'Case Q', identifiers: [{ field: 'phone', value: '312 555 1061' }] } });
    expect(person.status).toBe(201);
    const text = doxText(60);
    const outcomes = await ingest([
      { source: 'q', id: 'threat', text: THREAT_ONLY },
      { source: 'q', id: 'es', text: SPANISH_DOX },
      { source: 'q', id: 'dox', text, author: 'a1' },
      { source: 'q', id: 'dox-repost', text: `RT ${text}`, author: 'a2' },
      { source: 'q', id: 'watched', text: doxText(61) },
      { source: 'q', id: 'bounty', text: BOUNTY },
    ]);
    h.advance(1000);
    const [later] = await ingest([{ source: 'q', id: 'bounty-later', text: `${BOUNTY} today` }]);
    const ids = new Map(['threat', 'es', 'dox', 'dox-repost', 'watched', 'bounty'].map((k, i) => [k, outcomes[i]!.caseId!]));

    const items = (await queue('status=open')).filter((c) => [...ids.values(), later!.caseId].includes(c.id));
    const rank = ['none', 'low', 'medium', 'high', 'critical'];
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      expect(rank.indexOf(a.severity) > rank.indexOf(b.severity) || (a.severity === b.severity && (a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)))).toBe(true);
    }
    expect(items.at(-1)!.id).toBe(ids.get('threat'));
    const bountyIndex = items.findIndex((c) => c.id === ids.get('bounty'));
    expect(items.findIndex((c) => c.id === later!.caseId)).toBeGreaterThan(bountyIndex);

    const byId = new Map(items.map((c) => [c.id, c]));
    expect(byId.get(ids.get('es')!)).toMatchObject({ labels: ['dox'], language: 'es', watchlistHits: 0, lockedBy: null, lockedUntil: null, lockedByMe: false });
    expect(byId.get(ids.get('threat')!)).toMatchObject({ labels: ['threat'], language: 'en', severity: 'medium' });
    expect(byId.get(ids.get('bounty')!)!.labels).toEqual(['threat', 'bounty']);
    expect(byId.get(ids.get('dox')!)).toMatchObject({ labels: ['dox', 'threat'], campaignSize: 2 });
    expect(byId.get(ids.get('watched')!)!.watchlistHits).toBe(1);

    const only = async (query: string) => new Set((await queue(`status=open&${query}`)).map((c) => c.id));
    expect(await only('language=es')).toEqual(new Set([ids.get('es')]));
    expect(await only('watchlist=true')).toEqual(new Set([ids.get('watched')]));
    expect([...(await only('watchlist=false'))]).not.toContain(ids.get('watched'));
    const bounties = await only('label=bounty');
    expect(bounties).toEqual(new Set([ids.get('bounty'), later!.caseId]));
    const threats = await only('label=threat&severity=medium');
    expect(threats).toEqual(new Set([ids.get('threat')]));
    expect((await queue('label=dox')).every((c) => c.labels.includes('dox'))).toBe(true);
    expect(problemOf(await client.send({ url: '/v1/cases?label=spam', key: h.keys.reviewer })).code).toBe('VALIDATION_FAILED');
    expect(problemOf(await client.send({ url: '/v1/cases?language=fr', key: h.keys.reviewer })).code).toBe('VALIDATION_FAILED');

    const claimed = await client.send({ method: 'POST', url: `/v1/cases/${ids.get('es')}/claim`, key: h.keys.reviewer });
    const lock = (await queue('language=es'))[0]!;
    expect(lock).toMatchObject({ lockedBy: actorOfKey(h.keys.reviewer), lockedUntil: claimed.json<{ lockedUntil: number }>().lockedUntil, lockedByMe: true });
    expect((await queue('language=es', h.keys.admin))[0]).toMatchObject({ lockedBy: actorOfKey(h.keys.reviewer), lockedByMe: false });
    // Reviewers see who holds a case by name (the harness names each key after its roles).
    const page = (await http.send({ url: '/v1/cases?language=es', key: h.keys.admin })).json<{ actors: Record<string, string> }>();
    expect(page.actors).toEqual({ [actorOfKey(h.keys.reviewer)]: 'key "reviewer"' });
    const shown = (await http.send({ url: `/v1/cases/${ids.get('es')}`, key: h.keys.admin })).json<{ actors: Record<string, string> }>();
    expect(shown.actors[actorOfKey(h.keys.reviewer)]).toBe('key "reviewer"');
    const refused = problemOf(await client.send({ method: 'POST', url: `/v1/cases/${ids.get('es')}/claim`, key: h.keys.admin }));
    expect(refused).toMatchObject({ code: 'CASE_LOCKED', lockedBy: actorOfKey(h.keys.reviewer), lockedByName: 'key "reviewer"' });
    expect(refused.detail).toContain('key "reviewer"');
  });

  it('lets exactly one of several reviewers claiming a case at once win', async () => {
    const [o] = await ingest([{ source: 'race', id: 'r1', text: doxText(70) }]);
    const caseId = o!.caseId!;
    const reviewers = await Promise.all(Array.from({ length: 6 }, () => h.createKey(['reviewer'])));
    const claimAll = () => Promise.all(reviewers.map((key) => http.send({ method: 'POST', url: `/v1/cases/${caseId}/claim`, key })));
    let responses: Awaited<ReturnType<typeof claimAll>>;
    if (dialect === 'postgres') {
      // Hold the row so every claim is in the database, waiting, before any of them can go on.
      const blocker = new pg.Client({ connectionString: h.database.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const pending = claimAll();
      const deadline = Date.now() + 5000;
      let waiting = 0;
      while (waiting < reviewers.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        waiting = Number((await blocker.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n);
      }
      expect(waiting).toBe(reviewers.length);
      await blocker.query('COMMIT');
      await blocker.end();
      responses = await pending;
    } else {
      responses = await claimAll();
    }
    const won = responses.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    const winner = won[0]!.json<{ caseId: number; lockedBy: string; lockedUntil: number }>();
    const details = await getCase(caseId);
    // Claimed at the time the case was opened (the clock did not move): 15 minutes from then.
    expect(winner).toMatchObject({ caseId, lockedUntil: details.history[0]!.at + 15 * 60_000 });
    expect(details).toMatchObject({ lockedBy: winner.lockedBy, lockedUntil: winner.lockedUntil });
    expect(reviewers.map(actorOfKey)).toContain(winner.lockedBy);
    for (const lost of responses.filter((r) => r.status !== 200)) {
      expect(lost.status).toBe(409);
      expect(problemOf(lost)).toMatchObject({ code: 'CASE_LOCKED', lockedBy: winner.lockedBy, lockedUntil: winner.lockedUntil });
      expect(problemOf(lost).detail).toContain('key "reviewer"');
    }
    // The store alone, many actors at once: still one holder.
    const [o2] = await ingest([{ source: 'race', id: 'r2', text: doxText(71) }]);
    const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => claimCase(h.store, o2!.caseId!, `user:${i}`, T0)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const claims = await h.store.db.selectFrom('audit_log').select('actor').where('action', '=', 'case.claimed').where('subject_id', '=', String(o2!.caseId)).execute();
    expect(claims).toHaveLength(1);
  });

  it('refuses a decision while another reviewer holds the case; the lock renews, releases and expires', async () => {
    const [o] = await ingest([{ source: 'lock', id: 'l1', text: doxText(80) }]);
    const id = o!.caseId!;
    const other = await h.createKey(['reviewer']);
    const first = await client.send({ method: 'POST', url: `/v1/cases/${id}/claim`, key: h.keys.reviewer });
    expect(first.status).toBe(200);
    const blocked = await http.send({ method: 'POST', url: `/v1/cases/${id}/decision`, key: other, body: { action: 'remove', reason: 'dox' } });
    expect(blocked.status).toBe(409);
    expect(problemOf(blocked)).toMatchObject({ code: 'CASE_LOCKED', lockedBy: actorOfKey(h.keys.reviewer) });
    expect((await client.send({ method: 'DELETE', url: `/v1/cases/${id}/claim`, key: other })).status).toBe(409);

    h.advance(10 * 60_000);
    const renewed = await client.send({ method: 'POST', url: `/v1/cases/${id}/claim`, key: h.keys.reviewer });
    expect(renewed.json<{ lockedUntil: number }>().lockedUntil).toBe(first.json<{ lockedUntil: number }>().lockedUntil + 10 * 60_000);
    expect((await client.send({ method: 'DELETE', url: `/v1/cases/${id}/claim`, key: h.keys.reviewer })).status).toBe(204);
    expect(await getCase(id)).toMatchObject({ lockedBy: null, lockedUntil: null });
    expect((await client.send({ method: 'POST', url: `/v1/cases/${id}/claim`, key: other })).status).toBe(200);

    h.advance(15 * 60_000 + 1);
    // The lock lapsed: anyone may decide.
    const decided = await client.send({ method: 'POST', url: `/v1/cases/${id}/decision`, key: h.keys.reviewer, body: { action: 'remove', reason: 'dox' } });
    expect(decided.status, decided.body).toBe(201);
    const again = await client.send({ method: 'POST', url: `/v1/cases/${id}/claim`, key: other });
    expect(problemOf(again).code).toBe('CASE_ALREADY_DECIDED');
    expect((await getCase(id)).history.map((e) => [e.action, e.actor])).toEqual([
      ['case.created', actorOfKey(h.keys.ingest)],
      ['case.claimed', actorOfKey(h.keys.reviewer)],
      ['case.released', actorOfKey(h.keys.reviewer)],
      ['case.claimed', actorOfKey(other)],
      ['case.decided', actorOfKey(h.keys.reviewer)],
    ]);
    expect(problemOf(await client.send({ method: 'POST', url: '/v1/cases/999999/claim', key: h.keys.reviewer })).code).toBe('CASE_NOT_FOUND');
  });

  it('masks every finding in the case text; revealing each masked segment with a reason rebuilds the original, audited without the value', async () => {
    const original = doxText(90);
    const [o] = await ingest([{ source: 'mask', id: 'm1', text: original }]);
    const id = o!.caseId!;
    const r = await http.send({ url: `/v1/cases/${id}`, key: h.keys.reviewer });
    const c = r.json<CaseBody>();
    expect(c.post.masked).toBe(true);
    expect(c.findings.length).toBeGreaterThanOrEqual(3);
    expect(c.findings.map((f) => f.type)).toEqual(expect.arrayContaining(['person', 'street_address', 'phone']));
    for (const f of c.findings) expect(r.body).not.toContain(original.slice(f.start, f.end));
    expect(c.post.text).toContain('[person]');
    expect(c.post.text).toContain('[address]');
    expect(c.post.text).toContain('[phone]');
    for (const label of Object.values(c.assessment.labels)) for (const e of label.evidence) expect(Object.keys(e).sort()).toEqual(['end', 'reason', 'signal', 'start']);

    const segments = c.post.segments!;
    expect(segments[0]!.start).toBe(0);
    expect(segments.at(-1)!.end).toBe(original.length);
    let rebuilt = '';
    for (const [i, s] of segments.entries()) {
      if (i > 0) expect(s.start).toBe(segments[i - 1]!.end);
      if (s.kind === 'text') {
        rebuilt += s.text;
        continue;
      }
      const finding = c.findings[s.finding!]!;
      expect(s).toMatchObject({ start: finding.start, end: finding.end, type: finding.type });
      const revealed = await http.send({ method: 'POST', url: `/v1/cases/${id}/reveal`, key: h.keys.reviewer, body: { finding: s.finding, reason: 'confirm the dox' } });
      expect(revealed.status, revealed.body).toBe(200);
      expect(revealed.json()).toEqual({ finding: s.finding, type: finding.type, text: original.slice(finding.start, finding.end) });
      rebuilt += revealed.json<{ text: string }>().text;
    }
    expect(rebuilt).toBe(original);

    const entries = await h.store.db.selectFrom('audit_log').select(['actor', 'details_json']).where('action', '=', 'case.span_revealed').where('subject_id', '=', String(id)).orderBy('seq').execute();
    expect(entries).toHaveLength(c.findings.length);
    for (const e of entries) {
      expect(e.actor).toBe(actorOfKey(h.keys.reviewer));
      const details = JSON.parse(e.details_json) as Record<string, unknown>;
      expect(Object.keys(details).sort()).toEqual(['finding', 'reason', 'type']);
      for (const f of c.findings) expect(e.details_json).not.toContain(original.slice(f.start, f.end));
    }
    const history = (await getCase(id)).history.filter((e) => e.action === 'case.span_revealed');
    expect(history[0]).toMatchObject({ actor: actorOfKey(h.keys.reviewer), details: { finding: 0, type: c.findings[0]!.type, reason: 'confirm the dox' } });

    const noReason = await client.send({ method: 'POST', url: `/v1/cases/${id}/reveal`, key: h.keys.reviewer, body: { finding: 0, reason: ' x ' } });
    expect(problemOf(noReason).code).toBe('VALIDATION_FAILED');
    const missing = await client.send({ method: 'POST', url: `/v1/cases/${id}/reveal`, key: h.keys.reviewer, body: { finding: c.findings.length, reason: 'look at it' } });
    expect(problemOf(missing)).toMatchObject({ status: 404, code: 'FINDING_NOT_FOUND' });
    expect(entries).toHaveLength((await h.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'case.span_revealed').where('subject_id', '=', String(id)).execute()).length);

    h.advance(DAY);
    await purgePostText(h.store, 1, T0 + 400 * DAY, 'test');
    const purged = await getCase(id);
    expect(purged.post).toMatchObject({ text: null, segments: null, masked: true });
    const gone = await client.send({ method: 'POST', url: `/v1/cases/${id}/reveal`, key: h.keys.reviewer, body: { finding: 0, reason: 'look at it' } });
    expect(problemOf(gone)).toMatchObject({ status: 410, code: 'POST_PURGED' });
  });

  it('shows a case with its campaign, the protected person by label, and a campaign with timeline, authors and channels', async () => {
    await client.send({ method: 'POST', url: '/v1/watchlist', key: h.keys.admin, body: { label: 'Judge 9', identifiers: [{ field: 'phone', value: '312-555-1100' }] } });
    const text = doxText(100);
    const base = T0 + 30 * DAY;
    const outcomes = await ingest([
      { source: 'camp', id: 'c1', text, author: 'acct-a', channel: 'ch-1', receivedAt: base },
      { source: 'camp', id: 'c2', text: `${text} !!`, author: 'acct-b', channel: 'ch-1', receivedAt: base + 5 * 60_000 },
      { source: 'camp', id: 'c3', text: `RT ${text}`, author: 'acct-b', channel: 'ch-2', receivedAt: base + 3 * HOUR },
      { source: 'camp', id: 'c4', text: `RT: ${text}`, author: 'acct-b', channel: 'ch-1', receivedAt: base + 3 * HOUR + 1 },
    ]);
    const campaignId = outcomes[0]!.campaignId!;
    expect(outcomes.every((o) => o.campaignId === campaignId)).toBe(true);
    const c = await getCase(outcomes[1]!.caseId!);
    expect(c.campaign).toEqual({ id: campaignId, postCount: 4, authorCount: 2, channelCount: 2, firstSeen: base, lastSeen: base + 3 * HOUR + 1 });
    expect(c.watchlistHits).toEqual([expect.objectContaining({ label: 'Judge 9', field: 'phone' })]);
    expect(JSON.stringify(c)).not.toContain('555-1100');

    await client.send({ method: 'POST', url: `/v1/cases/${outcomes[0]!.caseId}/decision`, key: h.keys.reviewer, body: { action: 'remove', reason: 'dox' } });
    const r = await http.send({ url: `/v1/campaigns/${campaignId}`, key: h.keys.reviewer });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({
      timeline: [
        { hour: hourOf(base), posts: 2 },
        { hour: hourOf(base + 3 * HOUR), posts: 2 },
      ],
      authors: [
        { author: 'acct-b', posts: 3 },
        { author: 'acct-a', posts: 1 },
      ],
      channels: [
        { channel: 'ch-1', posts: 3 },
        { channel: 'ch-2', posts: 1 },
      ],
      openCases: 3,
    });
  });

  it('creates, lists and revokes API keys, showing the token once and never a secret', async () => {
    const created = await http.send({ method: 'POST', url: '/v1/keys', key: h.keys.admin, body: { name: 'review desk', roles: ['reviewer'], rateLimit: 120 } });
    expect(created.status, created.body).toBe(201);
    const key = created.json<{ id: string; name: string; roles: string[]; token: string; createdAt: number; revokedAt: null; rateLimit: number }>();
    expect(key).toMatchObject({ name: 'review desk', roles: ['reviewer'], revokedAt: null, rateLimit: 120, createdAt: expect.any(Number) });
    expect(key.token).toMatch(new RegExp(`^bwk_${key.id}_`));
    expect((await client.send({ url: '/v1/cases?limit=1', key: key.token })).status).toBe(200);

    const listed = await http.send({ url: '/v1/keys', key: h.keys.admin });
    expect(listed.status).toBe(200);
    const secret = key.token.slice(17);
    expect(listed.body).not.toContain(secret);
    const entry = listed.json<Record<string, unknown>[]>().find((k) => k.id === key.id)!;
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'id', 'name', 'rateLimit', 'revokedAt', 'roles']);
    expect(problemOf(await client.send({ url: '/v1/keys', key: h.keys.reviewer })).code).toBe('FORBIDDEN');
    expect(problemOf(await client.send({ method: 'POST', url: '/v1/keys', key: h.keys.admin, body: { name: 'x', roles: ['root'] } })).code).toBe('VALIDATION_FAILED');

    expect((await http.send({ method: 'DELETE', url: `/v1/keys/${key.id}`, key: h.keys.admin })).status).toBe(204);
    expect((await client.send({ url: '/v1/cases?limit=1', key: key.token })).status).toBe(401);
    expect(problemOf(await client.send({ method: 'DELETE', url: `/v1/keys/${key.id}`, key: h.keys.admin })).code).toBe('API_KEY_NOT_FOUND');
    const revoked = (await client.send({ url: '/v1/keys', key: h.keys.admin })).json<{ id: string; revokedAt: number | null }[]>().find((k) => k.id === key.id);
    expect(revoked?.revokedAt).not.toBeNull();
    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'actor', 'details_json']).where('subject_id', '=', key.id).orderBy('seq').execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['api_key.created', actorOfKey(h.keys.admin)],
      ['api_key.revoked', actorOfKey(h.keys.admin)],
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('imports protected persons from CSV, all or nothing, never echoing an identifier', async () => {
    const before = await h.count('watchlist_persons');
    const bad = await http.send({ method: 'POST', url: '/v1/watchlist/import', key: h.keys.admin, headers: { 'content-type': 'text/csv' }, body: 'label,field,value\nCase 301,phone,312 555 1110\nCase 302,shoe_size,44\nCase 303,phone,no digits\n' });
    expect(bad.status).toBe(422);
    const problem = problemOf(bad);
    expect(problem.code).toBe('INVALID_WATCHLIST_IMPORT');
    expect(problem.detail).toMatch(/line 3.*line 4/);
    expect(bad.body).not.toContain('555');
    expect(await h.count('watchlist_persons')).toBe(before);

    const csv = 'label,field,value\nCase 301,phone,312 555 1110\nCase 301,name,Nina Park\nCase 302,email,rosa.delgado@example.org\n';
    const imported = await http.send({ method: 'POST', url: '/v1/watchlist/import', key: h.keys.admin, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv });
    expect(imported.status, imported.body).toBe(200);
    expect(imported.json()).toEqual({ added: 2, identifiers: 3 });
    expect(await h.count('watchlist_persons')).toBe(before + 2);
    const listed = await client.send({ url: '/v1/watchlist', key: h.keys.admin });
    for (const body of [imported.body, listed.body]) for (const v of ['555', 'Nina', 'rosa', 'example.org']) expect(body).not.toContain(v);
    expect(listed.json<{ items: { label: string }[] }>().items.map((p) => p.label)).toEqual(expect.arrayContaining(['Case 301', 'Case 302']));

    const [o] = await ingest([{ source: 'wl', id: 'w1', text: doxText(110) }]);
    expect((await getCase(o!.caseId!)).watchlistHits).toEqual([expect.objectContaining({ label: 'Case 301', field: 'phone' })]);
    expect(problemOf(await client.send({ method: 'POST', url: '/v1/watchlist/import', key: h.keys.reviewer, headers: { 'content-type': 'text/csv' }, body: csv })).code).toBe('FORBIDDEN');
    expect(problemOf(await client.send({ method: 'POST', url: '/v1/watchlist/import', key: h.keys.admin, headers: { 'content-type': 'text/csv' }, body: 'label,field\n"unclosed,phone\n' })).code).toBe('INVALID_WATCHLIST_IMPORT');
  });
});

describe.each(DIALECTS)('dashboard statistics on %s', (dialect) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts volume per bucket, the open queue by age and overdue, and reviewer agreement from a known set of posts', async () => {
    const [client] = h.clients as [Client];
    const ingest = async (post: Record<string, unknown>) => {
      const r = await client.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, body: post });
      return r.json<{ outcomes: Outcome[] }>().outcomes[0]!;
    };
    // Received at fixed times; cases opened at the (injected) time of ingestion.
    const dox = await ingest({ source: 's', id: 'dox', text: doxText(1), receivedAt: T0 });
    h.advance(20 * HOUR);
    const es = await ingest({ source: 's', id: 'es', text: SPANISH_DOX, receivedAt: T0 + 10 * 60_000 });
    h.advance(3 * HOUR);
    const threat = await ingest({ source: 's', id: 'threat', text: THREAT_ONLY, receivedAt: T0 + HOUR });
    await ingest({ source: 's', id: 'plain', text: PLAIN, receivedAt: T0 + HOUR + 5 });
    h.advance(2.5 * HOUR);
    const bounty = await ingest({ source: 's', id: 'bounty', text: BOUNTY, receivedAt: T0 + 2 * HOUR });
    h.advance(30 * 60_000);
    const now = T0 + 26 * HOUR;
    expect([dox.action, es.action, threat.action, bounty.action]).toEqual(['escalate', 'remove', 'review', 'escalate']);

    const stats = async (query: string) => {
      const r = await client.send({ url: `/v1/stats?${query}`, key: h.keys.reviewer });
      expect(r.status, r.body).toBe(200);
      return r.json<{
        volume: { at: number; total: number; byLabel: Record<string, number>; byLanguage: Record<string, number>; byAction: Record<string, number> }[];
        queue: { open: number; oldestCreatedAt: number | null; ages: Record<string, number>; overdue: number };
        agreement: { decided: number; agreed: number; precision: Record<string, number | null> };
      }>();
    };
    const hourly = await stats(`from=${hourOf(T0)}&to=${hourOf(T0) + 3 * HOUR}&bucket=hour`);
    const zeroActions = { allow: 0, label: 0, review: 0, hide: 0, remove: 0, escalate: 0 };
    expect(hourly.volume).toEqual([
      { at: hourOf(T0), total: 2, byLabel: { dox: 2, threat: 1, bounty: 0 }, byLanguage: { en: 1, es: 1 }, byAction: { ...zeroActions, escalate: 1, remove: 1 } },
      { at: hourOf(T0) + HOUR, total: 2, byLabel: { dox: 0, threat: 1, bounty: 0 }, byLanguage: { en: 2, es: 0 }, byAction: { ...zeroActions, review: 1, allow: 1 } },
      { at: hourOf(T0) + 2 * HOUR, total: 1, byLabel: { dox: 0, threat: 1, bounty: 1 }, byLanguage: { en: 1, es: 0 }, byAction: { ...zeroActions, escalate: 1 } },
    ]);
    expect(hourly.queue).toEqual({ open: 4, oldestCreatedAt: T0, ages: { under1h: 1, under4h: 1, under24h: 1, over24h: 1 }, overdue: 2 });
    expect(hourly.agreement).toEqual({ decided: 0, agreed: 0, precision: { dox: null, threat: null, bounty: null } });

    await client.send({ method: 'POST', url: `/v1/cases/${es.caseId}/decision`, key: h.keys.reviewer, body: { action: 'remove', reason: 'dox' } });
    await client.send({ method: 'POST', url: `/v1/cases/${threat.caseId}/decision`, key: h.keys.reviewer, body: { action: 'allow', reason: 'song lyrics' } });
    const daily = await stats(`from=${dayOf(T0)}&to=${dayOf(T0) + 2 * DAY}&bucket=day`);
    expect(daily.volume.map((v) => [v.at, v.total])).toEqual([
      [dayOf(T0), 5],
      [dayOf(T0) + DAY, 0],
    ]);
    expect(daily.queue).toEqual({ open: 2, oldestCreatedAt: T0, ages: { under1h: 1, under4h: 0, under24h: 0, over24h: 1 }, overdue: 1 });
    expect(daily.agreement).toEqual({ decided: 2, agreed: 1, precision: { dox: 1, threat: 0, bounty: null } });
    // Decisions outside the range are not counted.
    expect((await stats(`from=${dayOf(T0)}&to=${now - HOUR}&bucket=day`)).agreement.decided).toBe(0);
    // Defaults: the last 24 hours by hour.
    expect((await stats('')).volume).toHaveLength(25);

    expect(problemOf(await client.send({ url: `/v1/stats?from=${T0}&to=${T0 - 1}`, key: h.keys.reviewer })).code).toBe('VALIDATION_FAILED');
    expect(problemOf(await client.send({ url: `/v1/stats?from=0&to=${T0}&bucket=hour`, key: h.keys.reviewer })).code).toBe('VALIDATION_FAILED');
    expect(problemOf(await client.send({ url: '/v1/stats', key: h.keys.ingest })).code).toBe('FORBIDDEN');
  });
});

describe.each(DIALECTS)('policy endpoint on %s', (dialect) => {
  it('shows the policy in force and how often each shadow rule matched stored assessments', async () => {
    const database = await createTestDatabase(dialect);
    const store = await Store.open(database.url);
    const hasher = testHasher();
    const yaml = `${DEFAULT_POLICY_YAML.replace('version: 1', 'version: 2')}
  - name: threat-remove
    description: Trial - remove every threat.
    state: shadow
    when: threat.flagged
    action: remove

  - name: dox-review
    state: shadow
    when: dox.flagged
    action: review

  - name: never
    state: shadow
    when: bounty.score > 2.0
    action: hide
`;
    const policy = loadPolicy(yaml, 'test');
    const ingestor = new Ingestor({ store, hasher, policy, clock: () => T0 });
    const app = await buildApp({ store, hasher, ingestor, policyVersion: policy.id, policy, clock: () => T0 });
    try {
      const apiKeys = new ApiKeyHasher(hasher.keys);
      const admin = (await createApiKey(store, apiKeys, { name: 'admin', roles: ['admin'] }, T0, 'test')).token;
      const reviewer = (await createApiKey(store, apiKeys, { name: 'reviewer', roles: ['reviewer'] }, T0, 'test')).token;
      const client = injectClient(app);
      await ingestor.ingest([
        { source: 'p', id: '1', text: doxText(1) },
        { source: 'p', id: '2', text: SPANISH_DOX },
        { source: 'p', id: '3', text: THREAT_ONLY },
        { source: 'p', id: '4', text: PLAIN },
      ]);
      const r = await client.send({ url: '/v1/policy', key: admin });
      expect(r.status, r.body).toBe(200);
      const body = r.json<{ id: string; version: string; rules: { name: string; when: string; action: string; shadow: boolean; description: string | null }[]; shadow: unknown[] }>();
      expect(body).toMatchObject({ id: 'default@2', version: '2' });
      expect(body.rules.map((x) => [x.name, x.shadow])).toEqual([
        ['dox', false],
        ['dox-full', false],
        ['threat', false],
        ['threat-escalation', false],
        ['bounty', false],
        ['threat-remove', true],
        ['dox-review', true],
        ['never', true],
      ]);
      expect(body.rules[5]).toMatchObject({ when: 'threat.flagged', action: 'remove', description: 'Trial - remove every threat.' });
      // doxText: dox + threat (escalate); Spanish dox: remove; threat alone: review → remove would change it.
      expect(body.shadow).toEqual([
        { rule: 'threat-remove', matched: 2, wouldChange: 1 },
        { rule: 'dox-review', matched: 2, wouldChange: 0 },
        { rule: 'never', matched: 0, wouldChange: 0 },
      ]);
      expect(problemOf(await client.send({ url: '/v1/policy', key: reviewer })).code).toBe('FORBIDDEN');
    } finally {
      await app.close();
      await store.close();
      await database.drop();
    }
  });
});
