import type { FastifyPluginAsync } from 'fastify';

/** Webhook endpoints and delivery status (owned by the webhooks work of issue #5). */
export const webhookRoutes: FastifyPluginAsync = async () => {};
