/** One word of the folded text, with where it sits: sentence and clause numbers grow left to right. */
export interface Token {
  /** Folded form (lower case, no accents), typographic apostrophes made straight. */
  readonly text: string;
  /** NORMALIZED offsets. */
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** Clause within the whole text: a sentence break or a comma starts a new one. */
  readonly clause: number;
  /** First letter upper-case in the normalized text (a name, a title). */
  readonly capitalized: boolean;
  /** Last letter written with an accent (quemó, mató): tells a past tense from a present (quemo). */
  readonly stressedEnd: boolean;
}

const CURLY_APOSTROPHE = /’/g;
/** Letters and digits beyond ASCII (a surrogate pair tested as one character). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ACCENTED_VOWELS = 'áéíóúÁÉÍÓÚ';

/**
 * Splits the folded text into words; `normalized` (same offsets) tells which were capitalized.
 * A word is letters, digits and `_`, optionally led by @ or #, with apostrophes inside between
 * letters or digits (I'm, won't). A hand-written scan: this runs on every post.
 */
export function tokenize(folded: string, normalized: string): Token[] {
  const tokens: Token[] = [];
  const length = folded.length;
  let sentence = 0;
  let clause = 0;
  let previousEnd = 0;
  let i = 0;
  while (i < length) {
    const code = folded.charCodeAt(i);
    const marked = code === 0x40 || code === 0x23;
    const letterAt = marked ? i + 1 : i;
    const first = wordCharLength(folded, letterAt, true);
    if (first === 0) {
      i++;
      continue;
    }
    let end = letterAt + first;
    for (let n = wordCharLength(folded, end, true); n > 0; n = wordCharLength(folded, end, true)) end += n;
    end = apostrophesFrom(folded, end);
    if (tokens.length > 0) {
      const gap = breakBetween(folded, previousEnd, i);
      if (gap === 2) sentence++;
      if (gap > 0) clause++;
    }
    const raw = folded.slice(i, end);
    const initial = normalized.charAt(letterAt);
    tokens.push({
      text: raw.includes('’') ? raw.replace(CURLY_APOSTROPHE, "'") : raw,
      start: i,
      end,
      sentence,
      clause,
      capitalized: initial !== initial.toLowerCase(),
      stressedEnd: ACCENTED_VOWELS.includes(normalized.charAt(end - 1)),
    });
    previousEnd = end;
    i = end;
  }
  return tokens;
}

/** `(?:['’][\p{L}\p{N}]+)*` from `at`: where the apostrophe parts of a word end. */
function apostrophesFrom(text: string, at: number): number {
  let end = at;
  for (;;) {
    const code = text.charCodeAt(end);
    if (code !== 0x27 && code !== 0x2019) return end;
    let k = end + 1;
    for (let n = wordCharLength(text, k, false); n > 0; n = wordCharLength(text, k, false)) k += n;
    if (k === end + 1) return end;
    end = k;
  }
}

/** Code units of the letter or digit (or `_`, when allowed) at `i`: 0 when there is none. */
function wordCharLength(text: string, i: number, underscore: boolean): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (underscore && code === 0x5f) ? 1 : 0;
  const size = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return LETTER_OR_DIGIT.test(text.slice(i, i + size)) ? size : 0;
}

/** 2 when the text between two words ends a sentence, 1 when it only ends a clause (a comma), else 0. */
function breakBetween(text: string, from: number, to: number): 0 | 1 | 2 {
  let found: 0 | 1 | 2 = 0;
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 0x2e: // .
      case 0x21: // !
      case 0x3f: // ?
      case 0x3b: // ;
      case 0x3a: // :
      case 0x0a: // newline
      case 0x2026: // …
      case 0x2014: // —
      case 0x2013: // –
      case 0xa1: // ¡
      case 0xbf: // ¿
        return 2;
      case 0x2c: // ,
      case 0x28: // (
      case 0x29: // )
      case 0x5b: // [
      case 0x5d: // ]
        found = 1;
    }
  }
  return found;
}
