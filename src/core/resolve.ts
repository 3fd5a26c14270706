import type { Finding } from './types.js';

/**
 * Keeps the best of overlapping findings: higher confidence first, then the longer span.
 * The result is sorted by start and non-overlapping, as the output contract promises.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const ranked = [...findings].sort(
    (a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const f of ranked) {
    const i = firstEndingAfter(kept, f.start);
    const next = kept[i];
    if (next !== undefined && next.start < f.end) continue;
    kept.splice(i, 0, f);
  }
  return kept;
}

/** Index of the first kept finding (sorted by start, disjoint) whose end is after `start`. */
function firstEndingAfter(kept: readonly Finding[], start: number): number {
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((kept[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
