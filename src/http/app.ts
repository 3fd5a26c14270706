import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { fileURLToPath } from 'node:url';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import type { Policy } from '../core/policy/policy.js';
import type { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import type { Ingestor } from '../ingest/ingest.js';
import { ApiKeyHasher } from '../keys/api-keys.js';
import type { Store } from '../store/store.js';
import { Errors } from './errors.js';
import { DEFAULT_BODY_LIMIT } from './limits.js';
import { installAuth, withRole } from './plugins/auth.js';
import { registerDocs } from './plugins/docs.js';
import { installErrorHandling } from './plugins/errors.js';
import { installJsonBody } from './plugins/json-body.js';
import { ApiMetrics, installMetrics } from './plugins/metrics.js';
import { registerWebUi } from './plugins/web-ui.js';
import { DEFAULT_SESSION_IDLE_MINUTES, SessionAuthenticator } from './plugins/sessions.js';
import { analyzeRoutes } from './routes/analyze/index.js';
import { auditRoutes } from './routes/audit/index.js';
import { campaignRoutes } from './routes/campaigns/index.js';
import { caseRoutes } from './routes/cases/index.js';
import { healthRoutes } from './routes/health/index.js';
import { keyRoutes } from './routes/keys/index.js';
import { policyRoutes } from './routes/policy/index.js';
import { postRoutes } from './routes/posts/index.js';
import { sessionRoutes } from './routes/session/index.js';
import { statsRoutes } from './routes/stats/index.js';
import { userRoutes } from './routes/users/index.js';
import { watchlistRoutes } from './routes/watchlist/index.js';
import { webhookRoutes } from './routes/webhooks/index.js';
import { queueRoutes } from './routes/queue/index.js';
import type { PostQueue } from '../queue/queue.js';
import type { Services } from './services.js';

/** Requests per minute per API key, unless the key sets its own. */
export const DEFAULT_RATE_LIMIT = 6000;

export interface AppDeps {
  readonly store: Store;
  /** Server hash keys: watchlist hashing, and (through HKDF) API key hashing. */
  readonly hasher: KeyedHasher;
  readonly ingestor: Ingestor;
  /** Recorded with every decision; the ingestor records it with every assessment. */
  readonly policyVersion: string;
  /** The policy in force, shown by GET /v1/policy (default: the built-in one). */
  readonly policy?: Policy;
  readonly clock?: () => number;
  /** Pino options (false: no logs). Post text and keys are redacted whatever is passed. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Default requests per minute per API key. */
  readonly rateLimit?: number;
  /** Process metrics (CPU, memory, event loop) on /metrics; off for apps living inside tests. */
  readonly processMetrics?: boolean;
  /** Minutes without a request after which a signed-in session ends (default 30). */
  readonly sessionIdleMinutes?: number;
  /**
   * Addresses (IPs or CIDRs) of reverse proxies whose X-Forwarded-For/-Proto are believed, so that
   * rate limits see the client's address and session cookies are Secure behind a TLS proxy.
   */
  readonly trustedProxies?: readonly string[];
  /** The built review UI served at `/` (default: dist/web next to the built server). */
  readonly webRoot?: string;
  /** Publish posts to this queue for workers instead of processing them in-process (`serve --queue`). */
  readonly queue?: PostQueue;
}

/** Never log what a request carries: keys, post text, identifiers. Logs hold ids and counts. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.body', 'body', 'text', '*.text', 'identifiers'];

function loggerOptions(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  return { ...(typeof logger === 'object' ? logger : {}), redact: { paths: REDACT, censor: '[redacted]' } };
}

/**
 * The HTTP API. Everything it touches comes in through `deps`, so tests run it on real stores
 * with their own clock. Resolves once every route is registered and checked (each declares a role).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOptions(deps.logger), bodyLimit: DEFAULT_BODY_LIMIT, return503OnClosing: true, requestTimeout: 120_000, ...(deps.trustedProxies === undefined || deps.trustedProxies.length === 0 ? {} : { trustProxy: [...deps.trustedProxies] }) });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services: Services = {
    store: deps.store,
    ingestor: deps.ingestor,
    hasher: deps.hasher,
    apiKeys: new ApiKeyHasher(deps.hasher.keys),
    metrics: new ApiMetrics(deps.store, { processMetrics: deps.processMetrics ?? false }),
    clock: deps.clock ?? Date.now,
    policyVersion: deps.policyVersion,
    policy: deps.policy ?? DEFAULT_POLICY,
    ...(deps.queue === undefined ? {} : { queue: deps.queue }),
  };

  installErrorHandling(app);
  installJsonBody(app);
  installMetrics(app, services.metrics);
  await app.register(cookie);
  const sessions = new SessionAuthenticator(services.store, { clock: services.clock, idleMinutes: deps.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES });
  installAuth(app, services.store, services.apiKeys, sessions);
  // Keyed by API key; requests without one (health, docs) are not limited. Runs after authentication.
  await app.register(rateLimit, {
    global: true,
    max: (request) => request.principal?.rateLimit ?? deps.rateLimit ?? DEFAULT_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal === null ? request.ip : `${request.principal.kind}:${request.principal.id}`),
    allowList: (request) => request.principal === null,
    errorResponseBuilder: (_request, context) => Errors.rateLimited(context.max, Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  await registerDocs(app);

  const options = { services };
  await app.register(healthRoutes, options);
  await app.register(
    async (v1) => {
      for (const routes of [analyzeRoutes, postRoutes, caseRoutes, campaignRoutes, watchlistRoutes, auditRoutes, statsRoutes, policyRoutes, keyRoutes, queueRoutes]) await v1.register(routes, options);
      await v1.register(sessionRoutes, { ...options, sessions });
      await v1.register(userRoutes, options);
      // Owned by the webhooks work; whatever its routes declare, they need admin.
      await v1.register(
        withRole('admin', async (scope) => {
          await scope.register(webhookRoutes, options);
        }),
        { prefix: '/webhooks' },
      );
    },
    { prefix: '/v1' },
  );
  await registerWebUi(app, deps.webRoot ?? fileURLToPath(new URL('../web/', import.meta.url)));
  await app.ready();
  return app;
}
