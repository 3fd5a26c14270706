import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { ADDRESS_THROTTLE, USERNAME_THROTTLE } from '../src/http/routes/session/index.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { revokeApiKey } from '../src/store/api-keys.js';
import { Store } from '../src/store/store.js';
import { createUser } from '../src/store/users.js';
import { doxText, problemOf, startHarness, type Client, type Harness, type Response } from './http-fixtures.js';
import { DIALECTS, testHasher } from './store-fixtures.js';

interface Session {
  principal: { kind: string; id: string; name: string; role: string };
  csrfToken: string;
  idleTimeoutSeconds: number;
  expiresAt: number;
}

const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

let serial = 0;
const fresh = (prefix: string) => `${prefix}${++serial}`;

/** The session id the response set, from its Set-Cookie header. */
function cookieOf(r: Response): string {
  const id = /bulwark_session=([\w-]+)/.exec(r.headers['set-cookie'] ?? '')?.[1];
  if (id === undefined) throw new Error(`no session cookie in ${r.status} ${r.body.slice(0, 200)}`);
  return `bulwark_session=${id}`;
}

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  let h: Harness;
  let client: Client;

  const signIn = (body: Record<string, string>, via: Client = client) => via.send({ method: 'POST', url: '/v1/session', body });
  /** A new account and a signed-in session of it. */
  const signedIn = async (role: 'reviewer' | 'admin' = 'reviewer') => {
    const user = await createUser(h.store, { username: fresh(`${role}-`), role, password: PASSWORD }, Date.now(), 'test');
    const r = await signIn({ username: user.username, password: PASSWORD });
    expect(r.status, r.body).toBe(200);
    return { user, cookie: cookieOf(r), session: r.json<Session>() };
  };
  const flaggedCase = async () => {
    const n = ++serial;
    const r = await client.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, body: { source: 'session-test', id: `s${n}`, text: doxText(1000 + n) } });
    return r.json<{ outcomes: { caseId: number }[] }>().outcomes[0]!.caseId;
  };
  const auditOf = (action: string) => h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

  beforeAll(async () => {
    h = await startHarness(dialect);
    client = h.clients[0]!;
  });
  afterAll(async () => {
    await h.close();
  });
  // Every test starts outside the throttle windows of the ones before.
  beforeEach(() => {
    h.advance(USERNAME_THROTTLE.windowMs + USERNAME_THROTTLE.lockMs + MINUTE);
  });

  it('signs in with a password: a Session, an HttpOnly SameSite=Strict cookie, and access as that user', async () => {
    const user = await createUser(h.store, { username: 'Dana.Reviewer', role: 'reviewer', password: PASSWORD }, Date.now(), 'test');
    expect(user.username).toBe('dana.reviewer');
    for (const via of h.clients) {
      const r = await signIn({ username: 'DANA.reviewer', password: PASSWORD }, via);
      expect(r.status, r.body).toBe(200);
      const session = r.json<Session>();
      expect(session).toEqual({ principal: { kind: 'user', id: String(user.id), name: 'dana.reviewer', role: 'reviewer' }, csrfToken: expect.stringMatching(/^[\w-]{43}$/), idleTimeoutSeconds: 1800, expiresAt: expect.any(Number) });
      const setCookie = r.headers['set-cookie']!;
      expect(setCookie).toMatch(/^bulwark_session=[\w-]{43};/);
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie, 'plain http: not Secure').not.toMatch(/Secure/);

      const again = await via.send({ url: '/v1/session', headers: { cookie: cookieOf(r) } });
      expect(again.status).toBe(200);
      expect(again.json<Session>()).toEqual(session);
      expect((await via.send({ url: '/v1/cases', headers: { cookie: cookieOf(r) } })).status).toBe(200);
      // The database keeps only a hash of the cookie value.
      const stored = await h.store.db.selectFrom('sessions').select(['id_hash', 'csrf_token']).where('csrf_token', '=', session.csrfToken).executeTakeFirstOrThrow();
      expect(stored.id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(cookieOf(r)).not.toContain(stored.id_hash);
    }
    const audited = await auditOf('session.signed_in');
    expect(audited.filter((e) => e.actor === `user:${user.id}`)).toHaveLength(2);
    expect(JSON.parse(audited.at(-1)!.details_json)).toEqual({ via: 'password', role: 'reviewer' });
  });

  it('signs in with a reviewer or admin API key; the session acts as that key until the key is revoked', async () => {
    const key = await h.createKey(['reviewer']);
    const r = await signIn({ apiKey: key });
    expect(r.status, r.body).toBe(200);
    expect(r.json<Session>().principal).toEqual({ kind: 'api-key', id: key.slice(4, 16), name: 'reviewer', role: 'reviewer' });
    const cookie = cookieOf(r);
    const caseId = await flaggedCase();
    const decided = await client.send({ method: 'POST', url: `/v1/cases/${caseId}/decision`, headers: { cookie, 'x-csrf-token': r.json<Session>().csrfToken }, body: { action: 'remove', reason: 'dox' } });
    expect(decided.status, decided.body).toBe(201);
    const entry = await h.store.db.selectFrom('audit_log').select('actor').where('action', '=', 'case.decided').where('subject_id', '=', String(caseId)).executeTakeFirstOrThrow();
    expect(entry.actor).toBe(`api-key:${key.slice(4, 16)}`);

    expect((await signIn({ apiKey: h.keys.admin })).json<Session>().principal.role).toBe('admin');
    for (const refused of [h.keys.ingest, h.keys.revoked, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, 'not a key']) {
      const bad = await signIn({ apiKey: refused });
      expect(bad.status).toBe(401);
      expect(problemOf(bad).code).toBe('INVALID_CREDENTIALS');
    }
    await revokeApiKey(h.store, key.slice(4, 16), Date.now(), 'test');
    const after = await client.send({ url: '/v1/cases', headers: { cookie } });
    expect(after.status).toBe(401);
    expect(problemOf(after).detail).toMatch(/no longer active/);
  });

  it('refuses a wrong password and an unknown user alike, and audits the username only', async () => {
    const { user } = await signedIn();
    const wrong = await signIn({ username: user.username, password: 'wrong password 1' });
    const unknown = await signIn({ username: 'nobody-here', password: 'wrong password 2' });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    expect(problemOf(wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: problemOf(unknown).detail });
    // A disabled account with the right password gets the same answer.
    const disabled = await createUser(h.store, { username: fresh('gone-'), role: 'reviewer', password: PASSWORD }, Date.now(), 'test');
    expect((await client.send({ method: 'DELETE', url: `/v1/users/${disabled.id}`, key: h.keys.admin })).status).toBe(204);
    const refused = await signIn({ username: disabled.username, password: PASSWORD });
    expect(problemOf(refused)).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: problemOf(unknown).detail });

    // An unknown username costs a password verification too (a decoy hash): similar time.
    const time = async (username: string) => {
      const started = performance.now();
      await signIn({ username, password: 'wrong password 3' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const known = median([await time(user.username), await time(user.username), await time(user.username)]);
    const absent = median([await time(fresh('absent-')), await time(fresh('absent-')), await time(fresh('absent-'))]);
    expect(absent).toBeGreaterThan(known * 0.5);

    const failed = await auditOf('session.sign_in_failed');
    expect(failed.map((e) => JSON.parse(e.details_json) as Record<string, unknown>)).toContainEqual({ username: 'nobody-here' });
    expect(failed.every((e) => e.actor === 'api:anonymous')).toBe(true);
    const everything = (await h.store.db.selectFrom('audit_log').select('details_json').execute()).map((e) => e.details_json).join('\n');
    for (const secret of [PASSWORD, 'wrong password', '$argon2']) expect(everything).not.toContain(secret);
    const hashes = await h.store.db.selectFrom('users').select('password_hash').execute();
    expect(hashes.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
  });

  it('throttles failed sign-ins per username and per address, in the database (another server sees it)', async () => {
    const { user } = await signedIn();
    for (let i = 0; i < USERNAME_THROTTLE.maxFailures; i++) expect((await signIn({ username: user.username, password: `guess ${i} xxxxxx` })).status).toBe(401);
    const throttled = await signIn({ username: user.username, password: PASSWORD });
    expect(throttled.status).toBe(429);
    expect(problemOf(throttled).code).toBe('SIGN_IN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBe(USERNAME_THROTTLE.lockMs / 1000);
    // Unknown usernames are throttled the same way (so a 429 does not tell that the account exists).
    for (let i = 0; i < USERNAME_THROTTLE.maxFailures; i++) await signIn({ username: 'no-such-user', password: `guess ${i} xxxxxx` });
    expect((await signIn({ username: 'no-such-user', password: PASSWORD })).status).toBe(429);

    // A second server on the same database (its clock a minute before the lock ends) refuses too.
    const lockedUntil = Number((await h.store.db.selectFrom('sign_in_throttle').select((eb) => eb.fn.max('locked_until').as('until')).executeTakeFirstOrThrow()).until);
    const store = await Store.open(h.database.url);
    const hasher = testHasher();
    const second = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'default@1', clock: () => lockedUntil - MINUTE });
    try {
      const elsewhere = await second.inject({ method: 'POST', url: '/v1/session', payload: { username: user.username, password: PASSWORD } });
      expect(elsewhere.statusCode).toBe(429);
      expect(elsewhere.headers['retry-after']).toBe('60');
    } finally {
      await second.close();
      await store.close();
    }

    h.advance(USERNAME_THROTTLE.lockMs);
    expect((await signIn({ username: user.username, password: PASSWORD })).status).toBe(200);

    // Per address: many usernames from one client.
    h.advance(ADDRESS_THROTTLE.windowMs + ADDRESS_THROTTLE.lockMs);
    for (let i = 0; i < ADDRESS_THROTTLE.maxFailures; i++) expect((await signIn({ username: fresh('spray-'), password: 'wrong password' })).status).toBe(401);
    expect((await signIn({ username: user.username, password: PASSWORD })).status).toBe(429);
    expect((await signIn({ apiKey: h.keys.reviewer })).status).toBe(429);
    // Bearer requests are not sign-ins: unaffected.
    expect((await client.send({ url: '/v1/cases', key: h.keys.reviewer })).status).toBe(200);
  });

  it('demands the CSRF token on unsafe requests made with the cookie, not with a Bearer key', async () => {
    const { cookie, session } = await signedIn();
    const decide = async (headers: Record<string, string>, key?: string) =>
      client.send({ method: 'POST', url: `/v1/cases/${await flaggedCase()}/decision`, headers, ...(key === undefined ? {} : { key }), body: { action: 'remove', reason: 'dox' } });
    const refused: Record<string, string>[] = [{ cookie }, { cookie, 'x-csrf-token': `${session.csrfToken.slice(0, -1)}x` }, { cookie, 'x-csrf-token': 'short' }];
    for (const headers of refused) {
      const r = await decide(headers);
      expect(r.status).toBe(403);
      expect(problemOf(r).code).toBe('CSRF_TOKEN_INVALID');
    }
    expect((await decide({ cookie, 'x-csrf-token': session.csrfToken })).status).toBe(201);
    // Safe methods need no token; a Bearer key wins over the cookie and needs none.
    expect((await client.send({ url: '/v1/cases', headers: { cookie } })).status).toBe(200);
    expect((await decide({ cookie }, h.keys.reviewer)).status).toBe(201);
    expect((await decide({}, h.keys.reviewer)).status).toBe(201);
  });

  it('ends a session after the idle time-out and after 12 hours, touching it at most once a minute', async () => {
    const { cookie, session } = await signedIn();
    const lastSeen = async () => (await h.store.db.selectFrom('sessions').select('last_seen_at').where('csrf_token', '=', session.csrfToken).executeTakeFirstOrThrow()).last_seen_at;
    const first = Number(await lastSeen());
    h.advance(30_000);
    expect((await client.send({ url: '/v1/cases', headers: { cookie } })).status).toBe(200);
    expect(Number(await lastSeen()), 'not written again within a minute').toBe(first);
    // Activity every 29 minutes keeps it alive …
    for (let i = 0; i < 3; i++) {
      h.advance(29 * MINUTE);
      expect((await client.send({ url: '/v1/cases', headers: { cookie } })).status).toBe(200);
    }
    expect(Number(await lastSeen())).toBeGreaterThan(first);
    // … 30 idle minutes end it, and the answer clears the cookie.
    h.advance(30 * MINUTE);
    const idle = await client.send({ url: '/v1/cases', headers: { cookie } });
    expect(idle.status).toBe(401);
    expect(problemOf(idle)).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringMatching(/idle for more than 30 minutes/) });
    expect(idle.headers['set-cookie']).toMatch(/bulwark_session=;.*Max-Age=0/);
    expect((await client.send({ url: '/v1/session', headers: { cookie } })).status).toBe(401);

    const busy = await signedIn();
    for (let elapsed = 0; elapsed < 12 * 60 * MINUTE - 25 * MINUTE; elapsed += 25 * MINUTE) {
      h.advance(25 * MINUTE);
      expect((await client.send({ url: '/v1/session', headers: { cookie: busy.cookie } })).status).toBe(200);
    }
    h.advance(25 * MINUTE);
    const expired = await client.send({ url: '/v1/session', headers: { cookie: busy.cookie } });
    expect(expired.status).toBe(401);
    expect(problemOf(expired).detail).toMatch(/limit of 12 hours/);
  });

  it('signs out: CSRF token needed, the cookie is cleared and the session is gone', async () => {
    const { user, cookie, session } = await signedIn();
    expect(problemOf(await client.send({ method: 'DELETE', url: '/v1/session', headers: { cookie } })).code).toBe('CSRF_TOKEN_INVALID');
    const out = await client.send({ method: 'DELETE', url: '/v1/session', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']).toMatch(/bulwark_session=;/);
    expect((await client.send({ url: '/v1/session', headers: { cookie } })).status).toBe(401);
    expect((await client.send({ url: '/v1/cases', headers: { cookie } })).status).toBe(401);
    expect((await client.send({ method: 'DELETE', url: '/v1/session', headers: { cookie } })).status, 'signing out twice is harmless').toBe(204);
    expect((await auditOf('session.signed_out')).filter((e) => e.actor === `user:${user.id}`)).toHaveLength(1);
    expect((await client.send({ url: '/v1/session' })).status).toBe(401);
  });

  it('lets admins manage users; disabling one ends their sessions; reviewers cannot reach admin routes', async () => {
    const reviewer = await signedIn('reviewer');
    const admin = await signedIn('admin');
    const asReviewer = await client.send({ url: '/v1/users', headers: { cookie: reviewer.cookie } });
    expect(asReviewer.status).toBe(403);
    expect(problemOf(asReviewer)).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringMatching(/needs the "admin" role.*this user has "reviewer"/) });
    expect((await client.send({ url: '/v1/watchlist', headers: { cookie: reviewer.cookie } })).status).toBe(403);

    const adminHeaders = { cookie: admin.cookie, 'x-csrf-token': admin.session.csrfToken };
    const name = fresh('new-');
    const created = await client.send({ method: 'POST', url: '/v1/users', headers: adminHeaders, body: { username: name, role: 'reviewer', password: 'another long passphrase' } });
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(Number), username: name, role: 'reviewer', createdBy: `user:${admin.user.id}`, createdAt: expect.any(Number), disabledAt: null });
    expect(problemOf(await client.send({ method: 'POST', url: '/v1/users', headers: adminHeaders, body: { username: name.toUpperCase(), role: 'admin', password: 'another long passphrase' } })).code).toBe('USERNAME_TAKEN');
    const short = await client.send({ method: 'POST', url: '/v1/users', headers: adminHeaders, body: { username: fresh('x-'), role: 'reviewer', password: 'short' } });
    expect(problemOf(short)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ pointer: '/password' })] });
    expect(short.body).not.toContain('short"');
    const listed = (await client.send({ url: '/v1/users', headers: { cookie: admin.cookie } })).json<{ items: Record<string, unknown>[] }>().items;
    expect(listed.map((u) => u.username)).toEqual(expect.arrayContaining([name, reviewer.user.username]));
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password/i);

    expect(problemOf(await client.send({ method: 'DELETE', url: `/v1/users/${admin.user.id}`, headers: adminHeaders })).code).toBe('CANNOT_DISABLE_SELF');
    expect((await client.send({ method: 'DELETE', url: `/v1/users/${reviewer.user.id}`, headers: adminHeaders })).status).toBe(204);
    const ended = await client.send({ url: '/v1/cases', headers: { cookie: reviewer.cookie } });
    expect(ended.status).toBe(401);
    expect(await h.store.db.selectFrom('sessions').select('id_hash').where('principal_id', '=', String(reviewer.user.id)).execute()).toEqual([]);
    expect(problemOf(await client.send({ method: 'DELETE', url: `/v1/users/${reviewer.user.id}`, headers: adminHeaders })).code).toBe('USER_NOT_FOUND');
    expect(problemOf(await signIn({ username: reviewer.user.username, password: PASSWORD })).code).toBe('INVALID_CREDENTIALS');

    const disabled = (await auditOf('user.disabled')).find((e) => e.subject_id === String(reviewer.user.id))!;
    expect(disabled.actor).toBe(`user:${admin.user.id}`);
    expect(JSON.parse(disabled.details_json)).toEqual({ username: reviewer.user.username, sessionsEnded: 1 });
    const made = (await auditOf('user.created')).find((e) => JSON.parse(e.details_json).username === name)!;
    expect(JSON.parse(made.details_json)).toEqual({ username: name, role: 'reviewer' });
  });
});

describe('behind a TLS-terminating reverse proxy', () => {
  const secureCookie = async (trustedProxies: string[] | undefined) => {
    const h = await startHarness('sqlite', trustedProxies === undefined ? {} : { trustedProxies });
    try {
      await createUser(h.store, { username: 'proxied', role: 'reviewer', password: PASSWORD }, Date.now(), 'test');
      // inject() arrives from 127.0.0.1, as from a proxy on the same host.
      const r = await h.app.inject({ method: 'POST', url: '/v1/session', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'proxied', password: PASSWORD } });
      expect(r.statusCode, r.body).toBe(200);
      return /; Secure/.test(String(r.headers['set-cookie']));
    } finally {
      await h.close();
    }
  };

  it('marks the cookie Secure when a trusted proxy says the client came over https', async () => {
    expect(await secureCookie(['127.0.0.1'])).toBe(true);
  });

  it('ignores forwarded headers from anyone not listed with --trust-proxy', async () => {
    expect(await secureCookie(undefined)).toBe(false);
    expect(await secureCookie(['10.0.0.0/8'])).toBe(false);
  });
});
