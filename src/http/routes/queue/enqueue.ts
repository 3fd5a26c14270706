import { z } from 'zod';
import { validatePost } from '../../../ingest/validate.js';
import { QueueUnavailableError, type PostQueue } from '../../../queue/queue.js';
import type { IncomingPost } from '../../../store/records.js';
import { Errors } from '../../errors.js';

export const QueuedPostsResponse = z.object({
  items: z
    .array(
      z.object({
        source: z.string(),
        id: z.string(),
        status: z.literal('queued'),
        trackingId: z.string().describe('Follow the post with GET /v1/posts/status/{trackingId}'),
        duplicate: z.boolean().describe('The queue had this (source, id) already within its de-duplication window; it is processed once'),
      }),
    )
    .describe('One per post, in request order'),
});

/** Broker failures become the problem the client sees; everything else goes on to the error handler. */
export async function viaQueue<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw Errors.queueUnavailable();
    throw error;
  }
}

/**
 * Publishes validated posts for the workers (`serve --queue`): each is published once per
 * (source, id), and its tracking id answers where it is later.
 */
export async function enqueuePosts(queue: PostQueue, posts: readonly IncomingPost[], actor: string, now: number): Promise<z.output<typeof QueuedPostsResponse>> {
  const messages = posts.map((raw) => {
    const checked = validatePost(raw);
    // The request schema already holds every post to the ingest rules; a rejection here means they drifted apart.
    if (!checked.ok) throw Errors.validation(`post ${checked.id ?? ''} cannot be ingested: ${checked.reason}`, [{ location: 'body', pointer: '', detail: checked.reason }]);
    const receivedAt = checked.post.receivedAt ?? now;
    return { post: { ...checked.post, receivedAt }, receivedAt, publishedAt: now, actor };
  });
  const published = await viaQueue(() => queue.publish(messages));
  return { items: messages.map((m, i) => ({ source: m.post.source, id: m.post.id, status: 'queued' as const, trackingId: published[i]?.trackingId ?? '', duplicate: published[i]?.duplicate ?? false })) };
}
