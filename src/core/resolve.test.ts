import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from './resolve.js';
import type { Finding } from './types.js';

const f = (type: Finding['type'], start: number, end: number, confidence: number): Finding => ({ type, start, end, confidence, rule: 't' });

describe('resolveOverlaps', () => {
  it('keeps the more confident of overlapping findings, then the longer', () => {
    const kept = resolveOverlaps([f('phone', 0, 12, 0.9), f('gov_id', 0, 11, 0.95), f('person', 20, 30, 0.5), f('person', 20, 25, 0.5)]);
    expect(kept).toEqual([f('gov_id', 0, 11, 0.95), f('person', 20, 30, 0.5)]);
  });

  it('returns disjoint findings sorted by start', () => {
    const kept = resolveOverlaps([f('email', 30, 40, 0.9), f('phone', 0, 10, 0.9), f('person', 12, 20, 0.7)]);
    expect(kept.map((x) => x.start)).toEqual([0, 12, 30]);
  });
});
