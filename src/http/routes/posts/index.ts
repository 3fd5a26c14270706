import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LABELS, type Label } from '../../../core/assess/result.js';
import { MAX_TEXT_LENGTH } from '../../../core/limits.js';
import { MAX_BATCH } from '../../../ingest/ingest.js';
import { MAX_FIELD_LENGTH, MAX_RECEIVED_AT } from '../../../ingest/validate.js';
import { postAssessments } from '../../../store/case-details.js';
import type { IncomingPost } from '../../../store/records.js';
import { Errors } from '../../errors.js';
import { POSTS_BODY_LIMIT } from '../../limits.js';
import { actorOf } from '../../plugins/auth.js';
import { ActionSchema, SeveritySchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';
import { enqueuePosts, QueuedPostsResponse } from '../queue/enqueue.js';

const PostInput = z.strictObject({
  source: z.string().min(1).max(MAX_FIELD_LENGTH).describe('The platform or feed the post comes from'),
  id: z.string().min(1).max(MAX_FIELD_LENGTH).describe('The post id on that source; (source, id) is the idempotency key'),
  text: z.string().max(MAX_TEXT_LENGTH).describe(`At most ${MAX_TEXT_LENGTH} UTF-16 code units`),
  channel: z.string().max(MAX_FIELD_LENGTH).nullish().describe('Channel, group or thread'),
  author: z.string().max(MAX_FIELD_LENGTH).nullish().describe('Opaque account reference of the author'),
  receivedAt: z.number().int().nonnegative().max(MAX_RECEIVED_AT).nullish().describe('When the platform received it (epoch ms); defaults to now'),
});

const PostsBody = z.union([PostInput, z.strictObject({ posts: z.array(PostInput).min(1).max(MAX_BATCH).describe(`1 to ${MAX_BATCH} posts`) })]);

const Outcome = z.object({
  source: z.string(),
  id: z.string(),
  status: z.enum(['stored', 'duplicate']).describe('duplicate: this (source, id) was stored before; nothing was written again'),
  postId: z.number().int(),
  caseId: z.number().int().nullable().describe('The review case, when the post needs one'),
  campaignId: z.number().int().nullable(),
  action: ActionSchema,
  severity: SeveritySchema,
  labels: z.array(z.enum(LABELS)).describe('Labels flagged'),
});

const PostsResponse = z.object({ outcomes: z.array(Outcome).describe('One per post, in request order') });

const toIncoming = (p: z.output<typeof PostInput>): IncomingPost => ({
  source: p.source,
  id: p.id,
  text: p.text,
  ...(p.channel == null ? {} : { channel: p.channel }),
  ...(p.author == null ? {} : { author: p.author }),
  ...(p.receivedAt == null ? {} : { receivedAt: p.receivedAt }),
});

const flaggedOf = (flagged: string): Label[] => flagged.split(',').filter((l): l is Label => (LABELS as readonly string[]).includes(l));

/** POST /v1/posts: ingest one post or a batch, atomically and idempotently by (source, id). */
export const postRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.post(
    '/posts',
    {
      config: { role: 'ingest' },
      bodyLimit: POSTS_BODY_LIMIT,
      schema: {
        tags: ['posts'],
        summary: 'Store and assess one post or a batch',
        description: `Send one post object, or \`{"posts": [...]}\` with 1 to ${MAX_BATCH} posts (body at most ${POSTS_BODY_LIMIT} bytes). The batch is one transaction: all posts are stored or none. Re-sending a post (same source and id) stores nothing again and reports it as \`duplicate\` with its case and campaign. Any invalid post refuses the whole request (400) and stores nothing.\n\nWhen the server runs with a queue (\`serve --queue\`), the posts are published for the workers instead and the answer is 202 with a \`trackingId\` per post (follow it with GET /v1/posts/status/{trackingId}); re-sending a post is de-duplicated by the queue and by the database.`,
        body: PostsBody,
        response: { 200: PostsResponse, 202: QueuedPostsResponse },
      },
    },
    async (request, reply) => {
      const posts = ('posts' in request.body ? request.body.posts : [request.body]).map(toIncoming);
      if (services.queue !== undefined) return reply.code(202).send(await enqueuePosts(services.queue, posts, actorOf(request.principal), services.clock()));
      const { prepared, rejected, now } = await services.ingestor.prepare(posts);
      // The schema already holds every post to the ingest rules; a rejection here means they drifted apart.
      if (rejected.length > 0) throw Errors.validation(`post ${rejected[0]?.id ?? ''} cannot be ingested: ${rejected[0]?.reason ?? ''}`, rejected.map((r) => ({ location: 'body' as const, pointer: '', detail: r.reason })));
      const saved = await services.store.saveBatch(prepared, [], now, actorOf(request.principal));
      const earlier = await postAssessments(services.store, saved.filter((o) => o.status === 'duplicate' && o.postId !== undefined).map((o) => o.postId as number));
      const outcomes = saved.map((o, i) => {
        const result = prepared[i]?.result;
        const stored = o.status === 'stored' && result !== undefined;
        if (stored) services.metrics.countPost(result.labels, o.action ?? result.action);
        const before = earlier.get(o.postId ?? -1);
        return {
          source: o.source,
          id: o.id ?? '',
          status: o.status === 'stored' ? ('stored' as const) : ('duplicate' as const),
          postId: o.postId ?? 0,
          caseId: o.caseId ?? null,
          campaignId: o.campaignId ?? null,
          action: ActionSchema.parse(stored ? (o.action ?? result.action) : (before?.action ?? 'allow')),
          severity: SeveritySchema.parse(stored ? (o.severity ?? result.severity) : (before?.severity ?? 'none')),
          labels: stored ? LABELS.filter((l) => result.labels[l].flagged) : flaggedOf(before?.flagged ?? ''),
        };
      });
      return { outcomes };
    },
  );
};
