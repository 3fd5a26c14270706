import { MAX_TEXT_LENGTH } from '../core/limits.js';
import { MAX_BATCH } from '../ingest/ingest.js';

/** JSON around one post's text: source, id, channel and author (≤ 256 characters each) and punctuation. */
const POST_ENVELOPE_BYTES = 4096;

/** One post of the longest text even if every character is written as a \uXXXX escape (6 bytes). */
export const ANALYZE_BODY_LIMIT = MAX_TEXT_LENGTH * 6 + POST_ENVELOPE_BYTES;

/**
 * A batch of MAX_BATCH posts with MAX_TEXT_LENGTH bytes of text each (64.5 MiB): a full batch
 * of the longest posts fits when they are ASCII; longer non-ASCII batches are sent in parts.
 */
export const POSTS_BODY_LIMIT = MAX_BATCH * (MAX_TEXT_LENGTH + POST_ENVELOPE_BYTES);

/** Every other body (decisions, watchlist entries). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
