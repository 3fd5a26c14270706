import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findApiKey } from '../../store/api-keys.js';
import { createSession, dropSession, findSession, touchSession, type SessionRecord } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';
import { findUser } from '../../store/users.js';
import { Errors } from '../errors.js';
import type { Principal } from './auth.js';

export const SESSION_COOKIE = 'bulwark_session';
export const CSRF_HEADER = 'x-csrf-token';
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
/** A session ends this long after sign-in, however active. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
/** Activity is written at most this often per session: one write a minute instead of one per request. */
const TOUCH_INTERVAL_MS = 60_000;
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** 256 random bits, base64url. */
const SESSION_ID = /^[\w-]{43}$/;

export interface SessionSettings {
  readonly clock: () => number;
  readonly idleMinutes: number;
}

/** What GET /v1/session answers. */
export interface SessionView {
  readonly principal: { readonly kind: Principal['kind']; readonly id: string; readonly name: string; readonly role: 'reviewer' | 'admin' };
  readonly csrfToken: string;
  readonly idleTimeoutSeconds: number;
  readonly expiresAt: number;
}

export interface ActiveSession {
  readonly record: SessionRecord;
  readonly principal: Principal;
}

/** A request's cookie: no session, an active one, or why the one it names is over. */
export type SessionLookup = { readonly state: 'none' } | { readonly state: 'ended'; readonly why: string } | { readonly state: 'active'; readonly session: ActiveSession };

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Cookie sessions: opened by sign-in, found by the SHA-256 of the cookie value, ended by sign-out,
 * by an idle time-out, by the absolute lifetime, or when the account or key behind them goes.
 */
export class SessionAuthenticator {
  readonly idleMs: number;

  constructor(
    private readonly store: Store,
    private readonly settings: SessionSettings,
  ) {
    this.idleMs = settings.idleMinutes * 60_000;
  }

  hasCookie(request: FastifyRequest): boolean {
    return (request.cookies?.[SESSION_COOKIE] ?? '') !== '';
  }

  async lookup(request: FastifyRequest): Promise<SessionLookup> {
    const cookie = request.cookies?.[SESSION_COOKIE] ?? '';
    if (cookie === '') return { state: 'none' };
    if (!SESSION_ID.test(cookie)) return { state: 'ended', why: 'the session cookie is not one this server issued' };
    const record = await findSession(this.store, sha256(cookie));
    if (record === undefined) return { state: 'ended', why: 'the session has ended' };
    const now = this.settings.clock();
    const why =
      now >= record.expiresAt
        ? `the session reached its limit of ${SESSION_LIFETIME_MS / 3_600_000} hours`
        : now - record.lastSeenAt >= this.idleMs
          ? `the session was idle for more than ${this.settings.idleMinutes} minutes`
          : undefined;
    const principal = why === undefined ? await this.principalOf(record) : undefined;
    if (principal === undefined) {
      await dropSession(this.store, record.idHash);
      return { state: 'ended', why: why ?? 'the account or API key of this session is no longer active' };
    }
    if (now - record.lastSeenAt >= TOUCH_INTERVAL_MS) await touchSession(this.store, record.idHash, now);
    return { state: 'active', session: { record, principal } };
  }

  /** The active session of the request, or a 401 saying why there is none. */
  async require(request: FastifyRequest): Promise<ActiveSession> {
    const found = await this.lookup(request);
    if (found.state === 'active') return found.session;
    throw Errors.notSignedIn(found.state === 'none' ? 'not signed in' : found.why);
  }

  /** Requests that change something must prove they come from the UI: the session's token in X-CSRF-Token. */
  checkCsrf(request: FastifyRequest, session: ActiveSession): void {
    if (!UNSAFE_METHODS.has(request.method)) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || sent === '') throw Errors.csrfTokenInvalid(true);
    const expected = Buffer.from(session.record.csrfToken);
    const actual = Buffer.from(sent);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw Errors.csrfTokenInvalid(false);
  }

  /** Opens a session for an authenticated principal, sets the cookie and audits the sign-in. */
  async open(request: FastifyRequest, reply: FastifyReply, principal: Principal, role: 'reviewer' | 'admin', via: 'password' | 'api_key'): Promise<SessionView> {
    const id = randomBytes(32).toString('base64url');
    const now = this.settings.clock();
    const record: SessionRecord = {
      idHash: sha256(id),
      principalKind: principal.kind,
      principalId: principal.id,
      role,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_LIFETIME_MS,
    };
    await createSession(this.store, record, this.idleMs, `${principal.kind}:${principal.id}`, via);
    reply.setCookie(SESSION_COOKIE, id, cookieOptions(request));
    return this.view({ record, principal: { ...principal, roles: [role] } });
  }

  clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
  }

  view(session: ActiveSession): SessionView {
    const { record, principal } = session;
    return {
      principal: { kind: principal.kind, id: principal.id, name: principal.name, role: record.role },
      csrfToken: record.csrfToken,
      idleTimeoutSeconds: this.idleMs / 1000,
      expiresAt: record.expiresAt,
    };
  }

  /** Who the session acts as, read afresh so a disabled user or revoked key loses access at once. */
  private async principalOf(record: SessionRecord): Promise<Principal | undefined> {
    if (record.principalKind === 'user') {
      const user = await findUser(this.store, Number(record.principalId));
      if (user === undefined || user.disabledAt !== null) return undefined;
      return { kind: 'user', id: String(user.id), name: user.username, roles: [record.role], rateLimit: null };
    }
    const key = await findApiKey(this.store, record.principalId);
    if (key === undefined || key.revokedAt !== null) return undefined;
    return { kind: 'api-key', id: key.id, name: key.name, roles: [record.role], rateLimit: key.rateLimit };
  }
}

/** HttpOnly and SameSite=Strict always; Secure when the request came over https. No Max-Age: the browser drops it on exit. */
function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' };
}
