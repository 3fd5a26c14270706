import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching } from './fold.js';

describe('foldForMatching', () => {
  it('lower-cases and strips Latin accents', () => {
    expect(foldForMatching('Él VIVE en Río Nazas, Cuauhtémoc; PIÑA')).toBe('el vive en rio nazas, cuauhtemoc; pina');
  });

  it('keeps the length, so offsets are shared with the normalized text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(foldForMatching(s).length).toBe(s.length);
      }),
    );
  });
});
