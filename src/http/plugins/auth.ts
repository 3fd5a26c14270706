import type { FastifyInstance, FastifyPluginAsync, RouteOptions } from 'fastify';
import { grants, parseApiKeyToken, type ApiKeyHasher, type Role } from '../../keys/api-keys.js';
import { findApiKey, type StoredApiKey } from '../../store/api-keys.js';
import type { Store } from '../../store/store.js';
import { Errors } from '../errors.js';
import { DEFAULT_SESSION_IDLE_MINUTES, SessionAuthenticator } from './sessions.js';

/** The role a route needs; `public` routes (health, docs) take no key. */
export type RouteRole = Role | 'public';

/** Who a request was authenticated as: an API key, or a signed-in user (session). */
export interface Principal {
  readonly kind: 'api-key' | 'user';
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Requests per minute; null: the server default. */
  readonly rateLimit: number | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares it; the server refuses to start otherwise. */
    role?: RouteRole;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Who acted, for the audit log and decisions: the key id (its name can be looked up). */
export const actorOf = (principal: Principal | null): string => (principal === null ? 'api:anonymous' : `${principal.kind}:${principal.id}`);

const BEARER = /^Bearer +(\S+) *$/i;

/** A throwaway token, so an unknown key id costs the same HMAC as a known one. */
const DECOY = { id: '000000000000', secret: 'x'.repeat(43), token: '' };

/** The stored key whose secret `token` carries (revoked or not); undefined when none matches. Costs one HMAC either way. */
export async function findKeyOfToken(store: Store, hasher: ApiKeyHasher, token: string): Promise<StoredApiKey | undefined> {
  const parsed = parseApiKeyToken(token);
  const key = parsed === undefined ? undefined : await findApiKey(store, parsed.id);
  if (parsed === undefined || key === undefined) {
    hasher.verify(DECOY, { keyId: '', hash: '' });
    return undefined;
  }
  return hasher.verify(parsed, key.stored) ? key : undefined;
}

async function authenticate(store: Store, hasher: ApiKeyHasher, header: string | undefined): Promise<Principal> {
  if (header === undefined || header.trim() === '') throw Errors.missingKey();
  const token = BEARER.exec(header)?.[1] ?? '';
  if (parseApiKeyToken(token) === undefined) throw Errors.malformedKey();
  const key = await findKeyOfToken(store, hasher, token);
  if (key === undefined) throw Errors.unknownKey();
  if (key.revokedAt !== null) throw Errors.revokedKey(key.id);
  return { kind: 'api-key', id: key.id, name: key.name, roles: key.roles, rateLimit: key.rateLimit };
}

/**
 * Authentication and role checks, before the body is read. A Bearer API key wins; without one,
 * the session cookie (see sessions.ts) — and then a request that changes something must carry the
 * session's CSRF token. 401 for a missing, unknown or revoked key or an ended session, 403 for a
 * wrong CSRF token or when the principal lacks the route's role. Every route must declare a role.
 */
export function installAuth(
  app: FastifyInstance,
  store: Store,
  hasher: ApiKeyHasher,
  sessions = new SessionAuthenticator(store, { clock: Date.now, idleMinutes: DEFAULT_SESSION_IDLE_MINUTES }),
): void {
  const routes: RouteOptions[] = [];
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = routes.filter((r) => r.config?.role === undefined).map((r) => `${String(r.method)} ${r.url}`);
    if (undeclared.length > 0) throw new Error(`every route must declare config.role; missing on ${undeclared.join(', ')}`);
  });
  app.addHook('onRequest', async (request) => {
    const role = request.routeOptions.config.role;
    // No role: the not-found handler, which answers 404/405 to anyone.
    if (role === undefined || role === 'public') return;
    const authorization = request.headers.authorization;
    if ((authorization === undefined || authorization.trim() === '') && sessions.hasCookie(request)) {
      const session = await sessions.require(request);
      sessions.checkCsrf(request, session);
      request.principal = session.principal;
    } else {
      request.principal = await authenticate(store, hasher, authorization);
    }
    const { roles, kind } = request.principal;
    if (!grants(roles, role)) throw Errors.forbidden(role, roles, kind === 'user' ? 'this user' : 'this key');
  });
}

/** Registers `plugin` with every one of its routes requiring `role` (for plugins that do not declare their own). */
export function withRole(role: RouteRole, plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, role };
    });
    await scope.register(plugin);
  };
}
