import { identityMapped, toOriginalSpan, type MappedText } from './mapped-text.js';
import { nfkcAndStripInvisible } from './unicode.js';

/** The normalized form of a post, with the way back to the original text. */
export interface NormalizedText extends MappedText {
  readonly original: string;
}

/** One normalization step. Passes run in order; each sees the previous one's output. */
export type NormalizationPass = (input: MappedText) => MappedText;

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7F]/;

const PASSES: readonly NormalizationPass[] = [
  (input) => (NON_ASCII.test(input.text) ? nfkcAndStripInvisible(input) : input),
];

export function normalize(original: string): NormalizedText {
  let mapped = identityMapped(original);
  for (const pass of PASSES) mapped = pass(mapped);
  return { ...mapped, original };
}

/** Maps a span of the normalized text to the exact span of the original text it came from. */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  return toOriginalSpan(n, start, end);
}
