import type { Finding } from './types.js';
import { upperBound } from './sorted.js';

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
    // The first kept finding that ends after this one starts is the only one it can overlap.
    const i = upperBound(kept.length, (k) => kept[k]?.end ?? 0, f.start);
    const next = kept[i];
    if (next !== undefined && next.start < f.end) continue;
    kept.splice(i, 0, f);
  }
  return kept;
}
