import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeliveryError, getDelivery, listDeliveries, redeliver, type DeliverySummary } from '../../../store/outbox.js';
import { checkWebhookUrl, createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, MAX_URL_LENGTH, WebhookEndpointError } from '../../../store/webhook-endpoints.js';
import { DELIVERY_STATUSES } from '../../../store/webhook-schema.js';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../../../webhooks/events.js';
import { WebhookSecrets } from '../../../webhooks/secrets.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { IdParams, page, PageQuery, ProblemSchema } from '../../schemas.js';
import type { Services } from '../../services.js';

/** What the webhook routes use; a subset of the app's services, so they can be mounted alone. */
export interface WebhookRouteOptions {
  readonly services: Pick<Services, 'store' | 'hasher' | 'clock'>;
}

const EventType = z.enum(WEBHOOK_EVENTS);

const Endpoint = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(EventType),
  description: z.string().nullable(),
  createdAt: z.number().int().describe('Epoch ms'),
});

const CreateEndpointBody = z.strictObject({
  url: z
    .string()
    .max(MAX_URL_LENGTH)
    .superRefine((url, ctx) => {
      try {
        checkWebhookUrl(url);
      } catch (error) {
        if (!(error instanceof WebhookEndpointError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    })
    .describe('https (or http) URL that receives the signed POSTs; no user name or password in it'),
  events: z
    .array(EventType)
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .refine((events) => new Set(events).size === events.length, 'list each event type once')
    .describe('Event types to receive'),
  description: z.string().trim().max(200).optional().describe('What the endpoint is for (no personal data)'),
});

const Delivery = z.object({
  id: z.number().int(),
  deliveryId: z.string().describe('Sent as `Bulwark-Delivery`, the same on every attempt and redelivery: de-duplicate on it'),
  eventId: z.string().describe('`id` of the event body; the same for every endpoint receiving the event'),
  endpointId: z.number().int(),
  eventType: EventType,
  status: z.enum(DELIVERY_STATUSES).describe('pending: not tried yet; failed: will be retried at nextAttemptAt; delivered: a 2xx was received; dead: no attempt left, or the endpoint was deleted'),
  attempts: z.number().int(),
  nextAttemptAt: z.number().int().nullable().describe('Epoch ms; null once delivered or dead'),
  lastAttemptAt: z.number().int().nullable(),
  lastHttpStatus: z.number().int().nullable().describe('Status of the last response; null when none came (connection refused, timeout)'),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
});

const DeliveryDetail = Delivery.extend({ data: z.record(z.string(), z.unknown()).describe('The event data as sent: ids and counts only') });

const DeliveryQuery = z.strictObject({
  ...PageQuery,
  status: z.enum(DELIVERY_STATUSES).optional(),
  endpointId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  eventType: EventType.optional(),
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const deliveryOut = (d: DeliverySummary) => ({ ...d, eventType: d.eventType as WebhookEventType });

/** The store's errors for these routes, as the API's shared problem documents. */
function apiErrorOf(error: unknown): unknown {
  if (error instanceof WebhookEndpointError && error.code === 'ENDPOINT_NOT_FOUND') return Errors.webhookEndpointNotFound(error.message);
  if (error instanceof DeliveryError) return error.code === 'DELIVERY_NOT_FOUND' ? Errors.webhookDeliveryNotFound(error.message) : Errors.webhookEndpointDeleted(error.message);
  return error;
}

/**
 * Webhook endpoints and delivery status, for admins; mount under `/v1/webhooks`. An endpoint's
 * signing secret is in the response that creates it and nowhere else, ever.
 */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRouteOptions> = async (app, { services }) => {
  const secrets = new WebhookSecrets(services.hasher.keys);

  app.post(
    '/endpoints',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook endpoint',
        description:
          'The response carries the signing secret, shown this once: every delivery is signed with it in `Bulwark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Events caused after the endpoint exists are delivered to it.',
        body: CreateEndpointBody,
        response: { 201: Endpoint.extend({ secret: z.string().describe('HMAC-SHA256 key (its UTF-8 bytes) for verifying `Bulwark-Signature`; store it now, it cannot be shown again') }) },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createWebhookEndpoint(services.store, secrets, request.body, services.clock(), actorOf(request.principal));
      return reply.code(201).send({ ...endpoint, events: [...endpoint.events], secret });
    },
  );

  app.get(
    '/endpoints',
    {
      config: { role: 'admin' },
      schema: { tags: ['webhooks'], summary: 'List webhook endpoints', description: 'Live endpoints, oldest first; never their secrets.', response: { 200: z.object({ items: z.array(Endpoint) }) } },
    },
    async () => ({ items: (await listWebhookEndpoints(services.store)).map((e) => ({ ...e, events: [...e.events] })) }),
  );

  app.delete(
    '/endpoints/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook endpoint',
        description: 'It receives nothing more; its deliveries not yet made become `dead`. Its delivery history stays listed.',
        params: IdParams,
        response: { 204: z.undefined().describe('Deleted'), 404: problem('No such live endpoint') },
      },
    },
    async (request, reply) => {
      try {
        await deleteWebhookEndpoint(services.store, request.params.id, services.clock(), actorOf(request.principal));
      } catch (error) {
        throw apiErrorOf(error);
      }
      return reply.code(204).send();
    },
  );

  app.get(
    '/deliveries',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'List webhook deliveries',
        description: 'Newest first, with their status; filter by status, endpoint or event type, and page with `cursor`.',
        querystring: DeliveryQuery,
        response: { 200: page(Delivery) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const before = cursor === undefined ? undefined : decodeCursor('webhook-deliveries', cursor, 1)[0];
      const rows = await listDeliveries(services.store, { ...filter, limit: limit + 1, ...(before === undefined ? {} : { before }) });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items: items.map(deliveryOut), nextCursor: rows.length > limit && last !== undefined ? encodeCursor('webhook-deliveries', [last.id]) : null };
    },
  );

  app.get(
    '/deliveries/:id',
    {
      config: { role: 'admin' },
      schema: { tags: ['webhooks'], summary: 'Get one webhook delivery', description: 'With the event data it carries.', params: IdParams, response: { 200: DeliveryDetail, 404: problem('No such delivery') } },
    },
    async (request) => {
      const delivery = await getDelivery(services.store, request.params.id);
      if (delivery === undefined) throw Errors.webhookDeliveryNotFound(`webhook delivery ${request.params.id} does not exist`);
      return { ...deliveryOut(delivery), data: delivery.data as Record<string, unknown> };
    },
  );

  app.post(
    '/deliveries/:id/redeliver',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'Redeliver a webhook delivery',
        description: 'Sends it again as soon as the dispatcher runs, whatever its status, with a fresh attempt budget and the same `Bulwark-Delivery` id.',
        params: IdParams,
        response: { 202: Delivery, 404: problem('No such delivery'), 409: problem('Its endpoint was deleted') },
      },
    },
    async (request, reply) => {
      try {
        const delivery = await redeliver(services.store, request.params.id, services.clock(), actorOf(request.principal));
        return await reply.code(202).send(deliveryOut(delivery));
      } catch (error) {
        throw apiErrorOf(error);
      }
    },
  );
};
