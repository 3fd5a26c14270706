import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../../keys/passwords.js';
import { endSession } from '../../../store/sessions.js';
import { clearSignInFailures, recordSignInFailure, signInLockedUntil, type ThrottleKey, type ThrottleRule } from '../../../store/sign-in-throttle.js';
import { findUserByName, normalizeUsername } from '../../../store/users.js';
import { Errors } from '../../errors.js';
import { actorOf, findKeyOfToken } from '../../plugins/auth.js';
import type { SessionAuthenticator } from '../../plugins/sessions.js';
import { ProblemSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const WINDOW_MS = 15 * 60_000;
/** Failed sign-ins allowed per username (known or not), then refused for a while. */
export const USERNAME_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: WINDOW_MS, lockMs: WINDOW_MS };
/** Per client address: room for a team behind one NAT, not for guessing. */
export const ADDRESS_THROTTLE: ThrottleRule = { maxFailures: 30, windowMs: WINDOW_MS, lockMs: WINDOW_MS };

const SignInBody = z.union([
  z.strictObject({ username: z.string().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).describe('A user account'),
  z.strictObject({ apiKey: z.string().min(1).max(200).describe('An active API key with the reviewer or admin role; the session acts as that key') }).describe('An API key'),
]);

export const SessionSchema = z
  .object({
    principal: z.object({ kind: z.enum(['api-key', 'user']), id: z.string(), name: z.string(), role: z.enum(['reviewer', 'admin']) }),
    csrfToken: z.string().describe('Send it as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE made with the session cookie'),
    idleTimeoutSeconds: z.number().int().describe('The session ends after this long without a request'),
    expiresAt: z.number().int().describe('Epoch ms: the session ends then, however active'),
  })
  .describe('A signed-in session');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

export interface SessionRouteOptions extends RouteOptions {
  readonly sessions: SessionAuthenticator;
}

/** Sign-in, the current session and sign-out, for the review UI. Public: they deal with the cookie themselves. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, { services, sessions }) => {
  const { store } = services;

  /** Refuses while any of the keys is locked out; 429 with the seconds left. */
  const refuseIfThrottled = async (keys: readonly ThrottleKey[], now: number) => {
    const until = await signInLockedUntil(store, keys, now);
    if (until !== undefined) throw Errors.signInThrottled(Math.max(1, Math.ceil((until - now) / 1000)));
  };

  app.post(
    '/session',
    {
      config: { role: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        description:
          'With a username and password, or an API key (reviewer or admin). Sets the `bulwark_session` cookie (HttpOnly, SameSite=Strict; Secure over https). Failed attempts are counted per username and per client address; past the limit sign-ins are refused for a while.',
        body: SignInBody,
        response: { 200: SessionSchema, 401: problem('Wrong credentials'), 429: problem('Too many failed sign-ins; see Retry-After') },
      },
    },
    async (request, reply) => {
      const now = services.clock();
      const address: ThrottleKey = { kind: 'ip', value: request.ip };
      const body = request.body;
      if ('username' in body) {
        const username = normalizeUsername(body.username);
        const name: ThrottleKey = { kind: 'user', value: username };
        await refuseIfThrottled([name, address], now);
        const user = await findUserByName(store, username);
        const usable = user !== undefined && user.disabledAt === null ? user : undefined;
        if (!(await verifyPassword(usable?.passwordHash, body.password)) || usable === undefined) {
          await recordSignInFailure(
            store,
            [
              { key: name, rule: USERNAME_THROTTLE },
              { key: address, rule: ADDRESS_THROTTLE },
            ],
            now,
            [{ actor: actorOf(null), action: 'session.sign_in_failed', subjectType: 'user', subjectId: user === undefined ? '' : String(user.id), details: { username } }],
          );
          throw Errors.invalidCredentials();
        }
        await clearSignInFailures(store, name, now, WINDOW_MS);
        return sessions.open(request, reply, { kind: 'user', id: String(usable.id), name: usable.username, roles: [usable.role], rateLimit: null }, usable.role, 'password');
      }
      await refuseIfThrottled([address], now);
      const key = await findKeyOfToken(store, services.apiKeys, body.apiKey);
      const role = key === undefined || key.revokedAt !== null ? undefined : key.roles.includes('admin') ? 'admin' : key.roles.includes('reviewer') ? 'reviewer' : undefined;
      if (key === undefined || role === undefined) {
        await recordSignInFailure(store, [{ key: address, rule: ADDRESS_THROTTLE }], now, [
          { actor: actorOf(null), action: 'session.sign_in_failed', subjectType: 'api_key', subjectId: key?.id ?? '', details: { via: 'api_key' } },
        ]);
        throw Errors.invalidApiKeyCredentials();
      }
      return sessions.open(request, reply, { kind: 'api-key', id: key.id, name: key.name, roles: [role], rateLimit: key.rateLimit }, role, 'api_key');
    },
  );

  app.get(
    '/session',
    {
      config: { role: 'public' },
      schema: {
        tags: ['session'],
        summary: 'The current session',
        description: 'Who is signed in by the `bulwark_session` cookie, the CSRF token and when the session ends. Counts as activity.',
        response: { 200: SessionSchema, 401: problem('Not signed in, or the session ended') },
      },
    },
    async (request) => sessions.view(await sessions.require(request)),
  );

  app.delete(
    '/session',
    {
      config: { role: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign out',
        description: 'Ends the session of the `bulwark_session` cookie (send `X-CSRF-Token`) and clears the cookie. Without a live session it only clears the cookie.',
        response: { 204: z.undefined().describe('Signed out'), 403: problem('Missing or wrong X-CSRF-Token') },
      },
    },
    async (request, reply) => {
      const found = await sessions.lookup(request);
      if (found.state === 'active') {
        sessions.checkCsrf(request, found.session);
        await endSession(store, found.session.record, services.clock(), actorOf(found.session.principal));
      }
      sessions.clearCookie(request, reply);
      return reply.code(204).send();
    },
  );
};
