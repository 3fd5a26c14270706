import type { NormalizedText } from '../../normalize/normalize.js';
import type { Span } from './tokens.js';
import { lowerBound, upperBound } from '../../sorted.js';

/**
 * Maps a span of the ORIGINAL text (a finding) to the normalized text: the first normalized
 * unit whose source starts at or after `start`, through the last one whose source ends at or
 * before `end`. `starts` and `ends` never decrease, so both ends are binary searches.
 */
export function toNormalizedSpan(n: NormalizedText, start: number, end: number): Span {
  const first = lowerBound(n.starts.length, (i) => n.starts[i] ?? 0, start);
  const afterLast = upperBound(n.ends.length, (i) => n.ends[i] ?? 0, end);
  return afterLast > first ? { start: first, end: afterLast } : { start: first, end: first };
}
