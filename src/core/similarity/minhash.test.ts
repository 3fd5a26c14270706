import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHasher, estimatedSimilarity, shingles } from './minhash.js';

const hasher = new MinHasher();
const dox = 'Officer Dana Whitfield lives at 1187 N Maplewood Ave, Chicago. cell 312-555-0172, go pay her a visit';

function jaccard(a: string, b: string): number {
  const x = shingles(a, 5);
  const y = shingles(b, 5);
  const inter = [...x].filter((v) => y.has(v)).length;
  return inter / (x.size + y.size - inter);
}

describe('MinHasher', () => {
  it('is deterministic', () => {
    expect(new MinHasher().signature(dox)).toEqual(hasher.signature(dox));
  });

  it('estimates Jaccard similarity within sampling error', () => {
    const edited = dox.replace('go pay her a visit', 'you know what to do') + ' #repost';
    const estimate = estimatedSimilarity(hasher.signature(dox), hasher.signature(edited));
    expect(Math.abs(estimate - jaccard(dox, edited))).toBeLessThan(0.2);
  });

  it('puts a lightly edited repost in a shared band bucket, and an unrelated post in none', () => {
    const keys = new Set(hasher.bandKeys(hasher.signature(dox)));
    const repost = hasher.bandKeys(hasher.signature(`RT!! ${dox.toUpperCase()} !!!`));
    expect(repost.some((k) => keys.has(k))).toBe(true);
    const unrelated = hasher.bandKeys(hasher.signature('Tacos al pastor 2x1 this Friday at our stand on Halsted, open 11 to 9'));
    expect(unrelated.some((k) => keys.has(k))).toBe(false);
  });

  it('ignores case, spacing and punctuation', () => {
    expect(hasher.signature('Hello,   World!!')).toEqual(hasher.signature('hello world'));
  });

  it('gives identical texts similarity 1 and handles any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const sig = hasher.signature(s);
        expect(sig.length === 0 || estimatedSimilarity(sig, hasher.signature(s)) === 1).toBe(true);
        expect(hasher.bandKeys(sig).length).toBe(sig.length === 0 ? 0 : 16);
      }),
    );
  });
});
