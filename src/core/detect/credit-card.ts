import type { DetectedSpan, Detector } from './detector.js';
import type { NormalizedText } from '../normalize/normalize.js';
import { compileWords } from '../lexicon/lexicon.js';
import { isLuhnValid } from './luhn.js';
import { lastWordEnd } from './nearest-word.js';
import cardContext from '../lexicon/card-context.json' with { type: 'json' };
import numberReferenceContext from '../lexicon/number-reference-context.json' with { type: 'json' };

/** 13–19 digits, optionally grouped by single spaces or dashes, not part of a longer number. */
const CARD_RUN = /(?<![\p{L}\p{N}_+])(?<!\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)/gu;
/** Every card number, grouped or not, starts with four adjacent digits. */
const FOUR_DIGITS = /\d{4}/;
const SEPARATOR = /[ -]/;
const SEPARATORS = /[ -]/g;

const CARD_WORDS = compileWords(cardContext);
const REFERENCE_WORDS = compileWords(numberReferenceContext);
const CONTEXT_WINDOW = 32;

interface Brand {
  readonly name: string;
  readonly prefix: RegExp;
  readonly lengths: readonly number[];
}

/** Issuer identification ranges and lengths of the networks a card number may belong to. */
const BRANDS: readonly Brand[] = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'mastercard', prefix: /^(?:5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { name: 'amex', prefix: /^3[47]/, lengths: [15] },
  { name: 'discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'jcb', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'jcb', prefix: /^(?:2131|1800)/, lengths: [15] },
  { name: 'diners', prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'mir', prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  { name: 'maestro', prefix: /^(?:5[06-9]|6\d)/, lengths: [13, 14, 15, 16, 17, 18, 19] },
];

/** The card network whose number ranges and lengths fit `digits`, if any. */
export function cardBrand(digits: string): string | undefined {
  for (const brand of BRANDS) {
    if (brand.lengths.includes(digits.length) && brand.prefix.test(digits)) return brand.name;
  }
  return undefined;
}

/** True when `digits` could be a payment card: a known network's range and length, and a valid Luhn check. */
export function isCardNumber(digits: string): boolean {
  return cardBrand(digits) !== undefined && isLuhnValid(digits);
}

/**
 * Printed cards group digits in fours (Amex and Diners 4-6-5 / 4-6-4); a run grouped any other
 * way is some other number.
 */
function hasCardGrouping(run: string): boolean {
  const groups = run.split(SEPARATOR);
  if (groups.length === 1) return true;
  const lengths = groups.map((g) => g.length);
  const last = lengths.length - 1;
  if (lengths.every((n, i) => n === 4 || (i === last && n >= 1 && n <= 4))) return true;
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4);
}

export const creditCardDetector: Detector = {
  id: 'credit-card',
  types: ['credit_card'],
  detect(input: NormalizedText): DetectedSpan[] {
    const text = input.text;
    if (!FOUR_DIGITS.test(text)) return [];
    const found: DetectedSpan[] = [];
    CARD_RUN.lastIndex = 0;
    for (let m = CARD_RUN.exec(text); m !== null; m = CARD_RUN.exec(text)) {
      const run = m[0];
      if (!hasCardGrouping(run)) continue;
      const digits = run.replace(SEPARATORS, '');
      const brand = cardBrand(digits);
      if (brand === undefined) continue;
      const start = m.index;
      const cardAt = lastWordEnd(CARD_WORDS, text, start - CONTEXT_WINDOW, start);
      const referenceAt = lastWordEnd(REFERENCE_WORDS, text, start - CONTEXT_WINDOW, start);
      const labelled = cardAt >= 0 && cardAt >= referenceAt;
      if (referenceAt >= 0 && !labelled) continue;
      const luhn = isLuhnValid(digits);
      // A number labelled as a card is one even with a mistyped check digit.
      if (!luhn && !labelled) continue;
      const confidence = luhn ? (labelled ? 0.95 : 0.85) : 0.6;
      found.push({
        type: 'credit_card',
        start,
        end: start + run.length,
        confidence,
        rule: luhn ? 'credit-card.luhn' : 'credit-card.labelled',
        subtype: brand,
        canonical: digits,
      });
    }
    return found;
  },
};
