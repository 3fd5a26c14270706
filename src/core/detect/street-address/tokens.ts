/** Word, number and punctuation tokens of a post, the unit the address grammar works on. */

export type TokenKind = 'num' | 'word' | 'alnum' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Lower case with accents folded: the form looked up in the vocabularies. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** No whitespace between the previous token and this one. */
  readonly joined: boolean;
  /** The whitespace before this token holds a line break (addresses never cross one). */
  readonly newlineBefore: boolean;
  /** Starts with an upper-case letter. */
  readonly capitalized: boolean;
}

/** Letters, marks and digits outside ASCII, from a given position (sticky). */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/uy;
const SPACE = /\s/u;
const LINE_BREAK = /[\n\u2028\u2029\u0085]/;
const UPPER_START = /^\p{Lu}/u;
const MARKS = /\p{M}/gu;

/** Lower case without accents (`Río` → `rio`). */
export function foldKey(text: string): string {
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 0x7e) return lower.normalize('NFD').replace(MARKS, '');
  }
  return lower;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Splits the text into runs of letters/digits and single other characters, in one pass over
 * the code units (the Unicode class test only runs where a non-ASCII character starts).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let newline = false;
  let previousEnd = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32 || (c > 0x7e && SPACE.test(text[i] ?? ''))) {
      if (c === 10 || (c > 0x7e && LINE_BREAK.test(text[i] ?? ''))) newline = true;
      i++;
      continue;
    }
    const start = i;
    let digits = false;
    let letters = false;
    let ascii = true;
    for (;;) {
      const d = text.charCodeAt(i);
      if (isDigit(d)) {
        digits = true;
        i++;
      } else if (isAsciiLetter(d)) {
        letters = true;
        i++;
      } else if (d > 0x7e && i < n) {
        WORD_RUN.lastIndex = i;
        if (!WORD_RUN.test(text)) break;
        i = WORD_RUN.lastIndex;
        letters = true;
        ascii = false;
      } else {
        break;
      }
    }
    let kind: TokenKind = digits ? (letters ? 'alnum' : 'num') : 'word';
    if (i === start) {
      kind = 'punct';
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    }
    const value = text.slice(start, i);
    tokens.push({
      kind,
      text: value,
      key: kind === 'punct' || kind === 'num' ? value : ascii ? value.toLowerCase() : foldKey(value),
      start,
      end: i,
      joined: start === previousEnd,
      newlineBefore: newline,
      capitalized: c >= 65 && c <= 90 ? true : c > 0x7e && kind !== 'punct' && UPPER_START.test(value),
    });
    previousEnd = i;
    newline = false;
  }
  return tokens;
}
