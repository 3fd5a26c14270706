import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, upperBound } from './sorted.js';

describe('lowerBound / upperBound', () => {
  it('find the first key ≥ / > a value, like a linear scan', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (raw, value) => {
        const keys = [...raw].sort((a, b) => a - b);
        const at = (i: number) => keys[i] ?? 0;
        expect(lowerBound(keys.length, at, value)).toBe(keys.findIndex((k) => k >= value) === -1 ? keys.length : keys.findIndex((k) => k >= value));
        expect(upperBound(keys.length, at, value)).toBe(keys.findIndex((k) => k > value) === -1 ? keys.length : keys.findIndex((k) => k > value));
      }),
    );
  });
});
