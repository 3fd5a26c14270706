import { describe, expect, it } from 'vitest';
import { analyze } from '../src/core/analyze.js';
import { ADVERSARIAL_INPUTS } from './adversarial-inputs.js';

// Every pattern must be linear-time: a super-linear one takes minutes on 100 KB and hits the timeout.
describe('adversarial 100 KB inputs', () => {
  for (const [name, text] of Object.entries(ADVERSARIAL_INPUTS)) {
    it(`completes on ${name}`, { timeout: 30_000 }, () => {
      const result = analyze(text);
      for (const f of result.findings) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
      }
    });
  }
});
