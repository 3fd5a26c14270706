import type { NormalizedText } from '../../normalize/normalize.js';
import type { Span } from './tokens.js';

/**
 * Maps a span of the ORIGINAL text (a finding) to the normalized text: the first normalized
 * unit whose source starts at or after `start`, through the last one whose source ends at or
 * before `end`. `starts` and `ends` never decrease, so both ends are binary searches.
 */
export function toNormalizedSpan(n: NormalizedText, start: number, end: number): Span {
  const first = lowerBound(n.starts, start);
  const afterLast = upperBound(n.ends, end);
  return afterLast > first ? { start: first, end: afterLast } : { start: first, end: first };
}

/** First index i with a[i] >= value (a.length when none). */
function lowerBound(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] > value (a.length when none). */
function upperBound(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
