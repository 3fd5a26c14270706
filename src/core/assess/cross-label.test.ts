import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';

describe('a payment offered in a threatening post', () => {
  it('is a bounty for harm even when the harm is only foretold', () => {
    const r = analyze('doy 10 mil al que se encargue del vecino chismoso, que no vuelva a caminar');
    expect(r.labels.threat.flagged).toBe(true);
    expect(r.labels.bounty).toMatchObject({ flagged: true, kind: 'harm' });
  });

  it('is not a bounty when the money is for something else and nothing threatens', () => {
    expect(analyze('pago 300 pesos al que me ayude a cargar el refri el sábado').labels.bounty.flagged).toBe(false);
  });

  it('is not a bounty when the offer is reported, not made', () => {
    const r = analyze('Police said the suspect offered $5,000 to whoever would shoot the witness.');
    expect(r.labels.bounty.flagged).toBe(false);
  });
});
