import curpContext from '../../lexicon/curp-context.json' with { type: 'json' };
import { compileWords, occursBefore } from '../../lexicon/lexicon.js';
import { isCalendarDay } from '../calendar.js';
import type { DetectedSpan } from '../detector.js';
import { canonicalId, govIdSpan } from './id-span.js';

const CONTEXT = compileWords(curpContext);
const CONTEXT_BEFORE = 30;

/**
 * 4 name letters (the second a vowel or X), yymmdd, sex (H/M/X), state, 3 inner consonants,
 * homoclave and check digit; a space or dash may split the name, date, and sex/state/consonant
 * blocks ("SAEA 920715 HCHNSL 03").
 */
const CURP =
  /(?<![\p{L}\p{N}_])[A-Z][AEIOUX][A-Z]{2}[ -]?\d{6}[ -]?[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[ -]?[A-Z\d]\d(?![\p{L}\p{N}_])/giu;

const SIX_DIGITS = /\d{6}/;

/** RENAPO state codes; NE = born abroad. */
const STATES = new Set(
  'AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS'.split(' '),
);

// RENAPO's check-digit alphabet: value = index (Ñ sits between N and O).
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** The official CURP check digit of the first 17 characters. */
export function curpCheckDigit(curp: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHECK_ALPHABET.indexOf(curp.charAt(i)) * (18 - i);
  return (10 - (sum % 10)) % 10;
}

/** Date, sex, state and consonants already match; checks the date and state code. */
function isWellFormed(curp: string): boolean {
  const month = Number(curp.slice(6, 8));
  const day = Number(curp.slice(8, 10));
  // The homoclave is a digit for people born before 2000 and a letter after.
  const century = /\d/.test(curp.charAt(16)) ? 1900 : 2000;
  return isCalendarDay(month, day, century + Number(curp.slice(4, 6))) && STATES.has(curp.slice(11, 13));
}

/**
 * Mexican CURPs. A valid check digit is near-certain; a well-formed CURP whose check digit
 * fails (a typo, or a made-up one posted as real) still counts, lower unless labelled "CURP".
 */
export function findCurps(text: string): DetectedSpan[] {
  if (!SIX_DIGITS.test(text)) return [];
  const found: DetectedSpan[] = [];
  for (const m of text.matchAll(CURP)) {
    const curp = canonicalId(m[0]);
    if (!isWellFormed(curp)) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (curpCheckDigit(curp) === Number(curp.charAt(17))) {
      found.push(govIdSpan(text, start, end, 'curp', 'curp', 0.95));
    } else {
      const labelled = occursBefore(text, start, CONTEXT, CONTEXT_BEFORE);
      found.push(govIdSpan(text, start, end, 'curp', 'curp-unverified', labelled ? 0.9 : 0.7));
    }
  }
  return found;
}
