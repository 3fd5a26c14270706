import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/core/analyze.js';
import { redactFindings } from '../src/core/redact.js';

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -.()+@[]at dot Calle St Ave Officer Judge \u200b\u0430\u043e\u0435 five cinco, '.split('')), maxLength: 200 }),
);

describe('analyze on arbitrary input', () => {
  it('never throws; findings are sorted, disjoint, inside the text, and trimmed', () => {
    fc.assert(
      fc.property(text, (t) => {
        const { findings } = analyze(t);
        let last = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(t.length);
          expect(t.slice(f.start, f.end)).toBe(t.slice(f.start, f.end).trim());
          last = f.end;
        }
        expect(typeof redactFindings(t, findings)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(analyze(t)).toEqual(analyze(t));
      }),
      { numRuns: 200 },
    );
  });
});
