import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTrackingId } from '../../../queue/message.js';
import { postStatus } from '../../../queue/post-status.js';
import { NotReplayableError } from '../../../queue/queue.js';
import { replayDeadLetter } from '../../../queue/replay.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { ActionSchema, page, PageQuery, ProblemSchema, SeveritySchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';
import { viaQueue } from './enqueue.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const DeadLetterSchema = z.object({
  seq: z.number().int().describe('Sequence in the dead-letter stream; replay it with POST /v1/dlq/{seq}/replay'),
  trackingId: z.string().nullable().describe('Null when the message was malformed'),
  source: z.string().nullable(),
  id: z.string().nullable(),
  reason: z.string().describe('Why it failed: error name and message, or what is malformed'),
  deliveries: z.number().int().describe('Deliveries before it was dead-lettered'),
  failedAt: z.number().int(),
});

const PostStatusResponse = z.object({
  trackingId: z.string(),
  source: z.string(),
  id: z.string(),
  status: z.enum(['queued', 'stored', 'dead-lettered']).describe('queued: waiting for (or being processed by) a worker; stored: assessed and stored; dead-lettered: failed for good, see `deadLetter`'),
  postId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  campaignId: z.number().int().nullable(),
  action: ActionSchema.nullable(),
  severity: SeveritySchema.nullable(),
  deadLetter: DeadLetterSchema.nullable(),
});

const TrackingParams = z.strictObject({ trackingId: z.string().min(1).max(8192).describe('As POST /v1/posts returned it') });
const SeqParams = z.strictObject({
  seq: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a positive whole number')
    .transform(Number),
});

/** Where a queued post is, and the dead letters: listed and replayed (`serve --queue`). */
export const queueRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const requireQueue = () => {
    if (services.queue === undefined) throw Errors.queueNotConfigured();
    return services.queue;
  };

  app.get(
    '/posts/status/:trackingId',
    {
      config: { role: 'ingest' },
      schema: {
        tags: ['posts'],
        summary: 'Where a post is: queued, stored or dead-lettered',
        description: 'Answers from the database and the queue. `stored` carries the post, case and campaign ids and the action; `dead-lettered` the reason.',
        params: TrackingParams,
        response: { 200: PostStatusResponse, 404: problem('No post with this tracking id is queued, stored or dead-lettered'), 503: problem('The database or the queue is unavailable') },
      },
    },
    async (request) => {
      const { trackingId } = request.params;
      const post = parseTrackingId(trackingId);
      if (post === undefined) throw Errors.invalidTrackingId();
      const found = await viaQueue(() => postStatus(services.store, services.queue, trackingId, post));
      if (found === undefined) throw Errors.trackingIdNotFound();
      const none = { postId: null, caseId: null, campaignId: null, action: null, severity: null, deadLetter: null };
      const base = { trackingId, source: post.source, id: post.id };
      if (found.status === 'stored') {
        const { postId, caseId, campaignId } = found;
        return { ...base, ...none, status: found.status, postId, caseId, campaignId, action: ActionSchema.parse(found.action), severity: SeveritySchema.parse(found.severity) };
      }
      return { ...base, ...none, status: found.status, deadLetter: found.status === 'dead-lettered' ? found.deadLetter : null };
    },
  );

  app.get(
    '/dlq',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['posts'],
        summary: 'List dead letters',
        description: 'Queued posts that failed for good, oldest first, with the reason; never the post text. Page with `cursor`.',
        querystring: z.strictObject(PageQuery),
        response: { 200: page(DeadLetterSchema), 409: problem('The server runs without a queue'), 503: problem('The database or the queue is unavailable') },
      },
    },
    async (request) => {
      const queue = requireQueue();
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? 0 : (decodeCursor('dlq', cursor, 1)[0] as number);
      const rows = await viaQueue(() => queue.deadLetters.list(after, limit + 1));
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor('dlq', [last.seq]) : null };
    },
  );

  app.post(
    '/dlq/:seq/replay',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['posts'],
        summary: 'Replay a dead letter',
        description: 'Publishes the post to the work queue again (once the cause is fixed) and removes the dead letter; audited.',
        params: SeqParams,
        response: {
          200: z.object({ seq: z.number().int(), trackingId: z.string(), source: z.string(), id: z.string(), status: z.literal('queued') }),
          404: problem('No such dead letter'),
          409: problem('The message is malformed (DEAD_LETTER_NOT_REPLAYABLE), or the server runs without a queue'),
          503: problem('The database or the queue is unavailable'),
        },
      },
    },
    async (request) => {
      const queue = requireQueue();
      const { seq } = request.params;
      let replayed;
      try {
        replayed = await viaQueue(() => replayDeadLetter(queue.deadLetters, services.store, seq, actorOf(request.principal), services.clock()));
      } catch (error) {
        if (error instanceof NotReplayableError) throw Errors.deadLetterNotReplayable(error.message);
        throw error;
      }
      if (replayed === undefined) throw Errors.deadLetterNotFound(seq);
      return { ...replayed, status: 'queued' as const };
    },
  );
};
