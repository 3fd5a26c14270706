import type { FastifyInstance, FastifyPluginAsync, RouteOptions } from 'fastify';
import { grants, parseApiKeyToken, type ApiKeyHasher, type Role } from '../../keys/api-keys.js';
import { findApiKey } from '../../store/api-keys.js';
import type { Store } from '../../store/store.js';
import { Errors } from '../errors.js';

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

async function authenticate(store: Store, hasher: ApiKeyHasher, header: string | undefined): Promise<Principal> {
  if (header === undefined || header.trim() === '') throw Errors.missingKey();
  const token = parseApiKeyToken(BEARER.exec(header)?.[1] ?? '');
  if (token === undefined) throw Errors.malformedKey();
  const key = await findApiKey(store, token.id);
  if (key === undefined) {
    hasher.verify(DECOY, { keyId: '', hash: '' });
    throw Errors.unknownKey();
  }
  if (!hasher.verify(token, key.stored)) throw Errors.unknownKey();
  if (key.revokedAt !== null) throw Errors.revokedKey(key.id);
  return { kind: 'api-key', id: key.id, name: key.name, roles: key.roles, rateLimit: key.rateLimit };
}

/**
 * API-key authentication and role checks, before the body is read: 401 for a missing, unknown or
 * revoked key, 403 when the key lacks the route's role. Every route must declare a role.
 */
export function installAuth(app: FastifyInstance, store: Store, hasher: ApiKeyHasher): void {
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
    const key = await authenticate(store, hasher, request.headers.authorization);
    request.principal = key;
    if (!grants(key.roles, role)) throw Errors.forbidden(role, key.roles);
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
