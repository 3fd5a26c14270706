import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Errors } from '../../errors.js';
import { ProblemSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

/** Liveness, readiness (the database answers) and Prometheus metrics; no key needed. */
export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/healthz',
    { config: { role: 'public' }, schema: { tags: ['operations'], summary: 'Liveness', description: 'The process is up.', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { role: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness',
        description: 'The database answers a query, and the queue (NATS JetStream) answers when the server runs with one.',
        response: { 200: z.object({ status: z.literal('ready') }), 503: { description: 'The database or the queue is unavailable', content: { 'application/problem+json': { schema: ProblemSchema } } } },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(services.store.db);
      } catch {
        throw Errors.storeUnavailable();
      }
      if (services.queue !== undefined && !(await services.queue.isReady())) throw Errors.queueUnavailable();
      return { status: 'ready' as const };
    },
  );

  app.get(
    '/metrics',
    {
      config: { role: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description: 'Requests and latency by route, posts by label and action, open cases by severity (text exposition format).',
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
      },
    },
    async (_request, reply) => {
      const body = await services.metrics.registry.metrics();
      return reply.type(services.metrics.registry.contentType).send(body);
    },
  );
};
