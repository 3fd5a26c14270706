import type { Store } from '../store/store.js';
import type { DeadLetter, PostQueue } from './queue.js';

export type PostStatus =
  | { readonly status: 'stored'; readonly postId: number; readonly caseId: number | null; readonly campaignId: number | null; readonly action: string; readonly severity: string }
  | { readonly status: 'dead-lettered'; readonly deadLetter: DeadLetter }
  | { readonly status: 'queued' };

async function storedPost(store: Store, source: string, id: string): Promise<PostStatus | undefined> {
  const row = await store.db
    .selectFrom('posts')
    .innerJoin('assessments', 'assessments.post_id', 'posts.id')
    .leftJoin('cases', 'cases.post_id', 'posts.id')
    .leftJoin('campaign_posts', 'campaign_posts.post_id', 'posts.id')
    .select(['posts.id', 'cases.id as case_id', 'campaign_posts.campaign_id', 'assessments.action', 'assessments.severity'])
    .where('posts.source', '=', source)
    .where('posts.external_id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : { status: 'stored', postId: row.id, caseId: row.case_id, campaignId: row.campaign_id, action: row.action, severity: row.severity };
}

/**
 * Where a post is: stored (the database), dead-lettered or queued. A message moves from the work
 * queue to the database or the dead letters, written there before it leaves the queue; looking
 * at the queue first and the destinations after cannot miss it in between.
 */
export async function postStatus(store: Store, queue: PostQueue | undefined, trackingId: string, post: { source: string; id: string }): Promise<PostStatus | undefined> {
  const queued = queue === undefined ? false : await queue.isQueued(trackingId);
  const deadLetter = queue === undefined ? undefined : await queue.deadLetters.find(trackingId);
  const stored = await storedPost(store, post.source, post.id);
  if (stored !== undefined) return stored;
  if (deadLetter !== undefined) return { status: 'dead-lettered', deadLetter };
  // A replay moves it back from the dead letters to the queue: look once more.
  if (queued || (queue !== undefined && (await queue.isQueued(trackingId)))) return { status: 'queued' };
  return undefined;
}
