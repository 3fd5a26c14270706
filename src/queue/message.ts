import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_FIELD_LENGTH, MAX_RECEIVED_AT, validatePost } from '../ingest/validate.js';
import type { PostMessage } from './queue.js';

/**
 * The tracking id of a post: (source, id) as a JSON pair, base64url-encoded. Reversible, so a
 * status lookup needs no table of its own, and unambiguous whatever characters the ids hold.
 */
export function trackingIdOf(source: string, id: string): string {
  return Buffer.from(JSON.stringify([source, id]), 'utf8').toString('base64url');
}

/** Undefined when the string is not a tracking id this code issued. */
export function parseTrackingId(trackingId: string): { source: string; id: string } | undefined {
  if (!/^[\w-]{1,4096}$/.test(trackingId)) return undefined;
  let pair: unknown;
  try {
    pair = JSON.parse(Buffer.from(trackingId, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(pair) || pair.length !== 2) return undefined;
  const [source, id] = pair as unknown[];
  if (typeof source !== 'string' || typeof id !== 'string' || source === '' || id === '') return undefined;
  if (source.length > MAX_FIELD_LENGTH || id.length > MAX_FIELD_LENGTH) return undefined;
  // Only the canonical encoding counts, so one post has exactly one tracking id.
  return trackingIdOf(source, id) === trackingId ? { source, id } : undefined;
}

/**
 * The subject token of a post: a digest of its tracking id, so subjects stay short (a broker
 * limits the control line) however long the ids are.
 */
export const subjectKeyOf = (trackingId: string): string => createHash('sha256').update(trackingId).digest('base64url');

const Envelope = z.object({
  v: z.literal(1),
  post: z.unknown(),
  receivedAt: z.number().int().nonnegative().max(MAX_RECEIVED_AT),
  publishedAt: z.number().int().nonnegative(),
  actor: z.string().min(1).max(MAX_FIELD_LENGTH),
});

export function encodePostMessage(message: PostMessage): Uint8Array {
  return Buffer.from(JSON.stringify({ v: 1, ...message }), 'utf8');
}

export type DecodedMessage = { readonly ok: true; readonly message: PostMessage; readonly trackingId: string } | { readonly ok: false; readonly reason: string };

/** Reads a queued message; a malformed one gets a reason that never quotes its content. */
export function decodePostMessage(data: Uint8Array): DecodedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return { ok: false, reason: 'the message is not UTF-8 JSON' };
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    const fields = [...new Set(envelope.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    return { ok: false, reason: `the message is not a post envelope (bad fields: ${fields})` };
  }
  const checked = validatePost(envelope.data.post);
  if (!checked.ok) return { ok: false, reason: `the post is invalid: ${checked.reason}` };
  const post = { ...checked.post, receivedAt: envelope.data.receivedAt };
  return {
    ok: true,
    message: { post, receivedAt: envelope.data.receivedAt, publishedAt: envelope.data.publishedAt, actor: envelope.data.actor },
    trackingId: trackingIdOf(post.source, post.id),
  };
}
