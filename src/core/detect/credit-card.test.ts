import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/normalize.js';
import { cardBrand, creditCardDetector, isCardNumber } from './credit-card.js';
import { isLuhnValid } from './luhn.js';

function cards(text: string): string[] {
  const n = normalize(text);
  return creditCardDetector.detect(n).map((s) => n.text.slice(s.start, s.end));
}

describe('credit card detector', () => {
  it.each([
    ['the Stripe test card 4242 4242 4242 4242 works', '4242 4242 4242 4242'],
    ["Nicole Haines' card 4716 0012 3456 7894", '4716 0012 3456 7894'],
    ['amex 3782 822463 10005', '3782 822463 10005'],
    ['mastercard 5555-5555-5555-4444', '5555-5555-5555-4444'],
    ['tarjeta 6011111111111117 vence 12/27', '6011111111111117'],
    ['numbers 4111111111111111', '4111111111111111'],
    ['diners 30569309025904', '30569309025904'],
  ])('%s', (text, expected) => {
    expect(cards(text)).toEqual([expected]);
  });

  it('gives the network and the digits', () => {
    const [span] = creditCardDetector.detect(normalize('card 4242-4242-4242-4242'));
    expect(span?.subtype).toBe('visa');
    expect(span?.canonical).toBe('4242424242424242');
  });

  it('accepts a failed check digit only when the number is labelled as a card', () => {
    const [labelled] = creditCardDetector.detect(normalize('My credit card 4377877189635138'));
    expect(labelled?.rule).toBe('credit-card.labelled');
    expect(cards('ref 4377877189635138')).toEqual([]);
    expect(cards('4377877189635138')).toEqual([]);
  });

  describe('things that are not card numbers', () => {
    it.each([
      ['an unknown network', '9999 9999 9999 9995'],
      ['too long a run', '4242 4242 4242 4242 4242'],
      ['odd grouping', '42424 24242 424242'],
      ['a Luhn-valid order number', 'order 4111111111111111'],
      ['a phone with a country code', '+52 1 81 1930 0167'],
      ['a tracking number', '1Z 999 AA1 01 2345 6784'],
    ])('%s', (_name, text) => {
      expect(cards(text)).toEqual([]);
    });
  });

  it('checks Luhn and issuer ranges', () => {
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(isCardNumber('4242424242424242')).toBe(true);
    expect(isCardNumber('4242424242424241')).toBe(false);
  });

  it('stays linear on long digit runs', () => {
    for (const text of ['1'.repeat(50_000), '1 '.repeat(30_000), '1-'.repeat(30_000)]) {
      const started = performance.now();
      creditCardDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
