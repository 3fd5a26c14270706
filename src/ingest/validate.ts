import { MAX_TEXT_LENGTH } from '../core/limits.js';
import type { IncomingPost } from '../store/records.js';

export const MAX_FIELD_LENGTH = 256;

/** The latest time a JavaScript Date can hold (epoch ms): a later `receivedAt` is a mistake, not a time. */
export const MAX_RECEIVED_AT = 8_640_000_000_000_000;

export type Validated = { readonly ok: true; readonly post: IncomingPost } | { readonly ok: false; readonly source: string; readonly id: string | null; readonly reason: string; readonly size: number };

const str = (v: unknown): v is string => typeof v === 'string';

/** Checks one incoming post; a bad one gets a reason that says what to fix. */
export function validatePost(raw: unknown, maxTextLength = MAX_TEXT_LENGTH): Validated {
  const r = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const source = str(r.source) && r.source.length > 0 && r.source.length <= MAX_FIELD_LENGTH ? r.source : 'unknown';
  const id = str(r.id) && r.id.length > 0 && r.id.length <= MAX_FIELD_LENGTH ? r.id : null;
  const size = str(r.text) ? r.text.length : 0;
  const reject = (reason: string): Validated => ({ ok: false, source, id, reason, size });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('a post must be a JSON object');
  if (!str(r.source) || r.source.length === 0) return reject('"source" must be a non-empty string');
  if (!str(r.id) || r.id.length === 0) return reject('"id" must be a non-empty string (the post id on the source platform)');
  if (r.source.length > MAX_FIELD_LENGTH || r.id.length > MAX_FIELD_LENGTH) return reject(`"source" and "id" must be at most ${MAX_FIELD_LENGTH} characters`);
  if (!str(r.text)) return reject('"text" must be a string');
  if (r.text.length > maxTextLength) return reject(`"text" is ${r.text.length} UTF-16 code units, over the limit of ${maxTextLength}`);
  if (/[\uD800-\uDFFF]/.test(r.text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return reject('"text" contains unpaired UTF-16 surrogates (invalid Unicode)');
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail at storage.
  for (const field of ['source', 'id', 'text', 'channel', 'author'] as const) {
    const v = r[field];
    if (str(v) && v.includes('\u0000')) return reject(`"${field}" contains a NUL character (U+0000), which cannot be stored; remove it`);
  }
  for (const field of ['channel', 'author'] as const) {
    const v = r[field];
    if (v !== undefined && v !== null && (!str(v) || v.length > MAX_FIELD_LENGTH)) return reject(`"${field}" must be a string of at most ${MAX_FIELD_LENGTH} characters`);
  }
  if (r.receivedAt !== undefined && r.receivedAt !== null && (typeof r.receivedAt !== 'number' || !Number.isSafeInteger(r.receivedAt) || r.receivedAt < 0 || r.receivedAt > MAX_RECEIVED_AT)) {
    return reject('"receivedAt" must be epoch milliseconds: a whole number from 0 to 8.64e15');
  }
  return {
    ok: true,
    post: {
      source: r.source,
      id: r.id,
      text: r.text,
      ...(str(r.channel) ? { channel: r.channel } : {}),
      ...(str(r.author) ? { author: r.author } : {}),
      ...(typeof r.receivedAt === 'number' ? { receivedAt: r.receivedAt } : {}),
    },
  };
}
