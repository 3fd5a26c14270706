import { foldConfusables } from './confusables.js';
import { foldEmailObfuscation } from './email-obfuscation.js';
import { readLeetspeak } from './leetspeak.js';
import { lettersAsDigits } from './letter-digits.js';
import { identityMapped, toOriginalSpan, type MappedText } from './mapped-text.js';
import { numberWordsToDigits } from './number-words.js';
import { collapseSpacedDigits } from './spaced-digits.js';
import { nfkcAndStripInvisible } from './unicode.js';

/** The normalized form of a post, with the way back to the original text. */
export interface NormalizedText extends MappedText {
  readonly original: string;
}

/**
 * One normalization step. Passes run in order; each sees the previous one's output, returns its
 * input untouched when it has nothing to do, and starts with a cheap test so a plain post costs
 * almost nothing.
 */
export type NormalizationPass = (input: MappedText) => MappedText;

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7F]/;

const PASSES: readonly NormalizationPass[] = [
  // Unicode first, so every later pass sees composed, visible, half-width characters.
  (input) => (NON_ASCII.test(input.text) ? nfkcAndStripInvisible(input) : input),
  (input) => (NON_ASCII.test(input.text) ? foldConfusables(input) : input),
  // Addresses before number words and digits, so their parts are left alone.
  foldEmailObfuscation,
  numberWordsToDigits,
  // After number words, so "7 seven 3" collapses like "7 7 3".
  collapseSpacedDigits,
  lettersAsDigits,
  readLeetspeak,
];

export function normalize(original: string): NormalizedText {
  let mapped = identityMapped(original);
  for (const pass of PASSES) mapped = pass(mapped);
  return { text: mapped.text, starts: mapped.starts, ends: mapped.ends, original };
}

/** Maps a span of the normalized text to the exact span of the original text it came from. */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  return toOriginalSpan(n, start, end);
}
