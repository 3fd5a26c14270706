import { rewrite, type MappedText } from './mapped-text.js';

/** A letter standing for a digit right beside a digit: the cheap test before the real one. */
const LETTER_BESIDE_DIGIT = /\d[IOlo]|[IOlo]\d/;
/** Letters and digits, with single dots, slashes, colons or dashes inside: "O3/l7/2OO1". */
const CHUNK = /[A-Z0-9]+(?:[-./:][A-Z0-9]+)*/gi;
/** Any letter that cannot stand for a digit. */
const OTHER_LETTER = /[A-HJ-NP-Za-kmnp-z]/;
/** Letters standing for digits with a digit on both sides: "1O44", "2OO1". */
const LETTERS_BETWEEN_DIGITS = /\d[IOlo]+\d/;
const PIECE_SEPARATOR = /[-./:]/;
const PIECE_HAS_DIGIT = /\d/;
const STARTS_WITH_DIGIT = /^\d/;
const DIGITS = /\d/g;
/** Day, month and year: "O3/l7/1999". Two pieces ("57-4o") are too often a number and a word. */
const DATE_PIECES = 3;
const LETTER_OR_AT = /[\p{L}@]/u;
const DIGIT_LETTER = /[IOlo]/g;
const AS_DIGIT: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1' };

/**
 * Letters typed for digits inside numbers: O/o → 0, I/l → 1 ("1O44" → "1044",
 * "O3/l7/2OO1" → "03/17/2001"). Only in a chunk whose every letter can stand for a digit, with at
 * least two real digits, and either a letter between two digits (in a number that starts with a
 * digit, or one of several pieces) or three or more pieces (a date) each holding a digit. So "10o"
 * (Spanish ordinal), "20l", "l0l0", "KLM-4821", "bharlan55" and "OIL-1234" stay as written.
 */
export function lettersAsDigits(source: MappedText): MappedText {
  if (!LETTER_BESIDE_DIGIT.test(source.text)) return source;
  const text = source.text;
  return rewrite(source, CHUNK, (m) => {
    const chunk = m[0];
    if (OTHER_LETTER.test(chunk) || !LETTER_BESIDE_DIGIT.test(chunk)) return undefined;
    if ((chunk.match(DIGITS)?.length ?? 0) < 2) return undefined;
    // Part of a longer word, an e-mail address or a handle.
    const end = m.index + chunk.length;
    if (LETTER_OR_AT.test(text.charAt(m.index - 1)) || LETTER_OR_AT.test(text.charAt(end))) return undefined;
    const pieces = chunk.split(PIECE_SEPARATOR);
    const betweenDigits =
      LETTERS_BETWEEN_DIGITS.test(chunk) && (pieces.length > 1 || STARTS_WITH_DIGIT.test(chunk));
    const date = pieces.length >= DATE_PIECES && pieces.every((p) => PIECE_HAS_DIGIT.test(p));
    if (!betweenDigits && !date) return undefined;
    return chunk.replace(DIGIT_LETTER, (ch) => AS_DIGIT[ch] ?? ch);
  }, { oneForOne: true });
}
