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

/** A word: letters and digits, optionally a leading @ or #, with apostrophes inside (I'm, won't). */
const WORD = /[@#]?[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}]+)*/gu;
const SENTENCE_BREAKS = new Set(['.', '!', '?', ';', ':', '\n', '…', '—', '–', '¡', '¿']);
const CLAUSE_BREAKS = new Set([',', '(', ')', '[', ']']);
const CURLY_APOSTROPHE = /’/g;
const MARK = /^[@#]/;
const ACCENTED = /[áéíóú]/i;

/** Splits the folded text into words; `normalized` (same offsets) tells which were capitalized. */
export function tokenize(folded: string, normalized: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let previousEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null; m = WORD.exec(folded)) {
    if (tokens.length > 0) {
      const gap = breakBetween(folded, previousEnd, m.index);
      if (gap === 2) sentence++;
      if (gap > 0) clause++;
    }
    const letterAt = MARK.test(m[0]) ? m.index + 1 : m.index;
    const first = normalized.charAt(letterAt);
    const last = normalized.charAt(m.index + m[0].length - 1);
    tokens.push({
      text: m[0].includes('’') ? m[0].replace(CURLY_APOSTROPHE, "'") : m[0],
      start: m.index,
      end: m.index + m[0].length,
      sentence,
      clause,
      capitalized: first !== first.toLowerCase(),
      stressedEnd: ACCENTED.test(last),
    });
    previousEnd = m.index + m[0].length;
  }
  return tokens;
}

/** 2 when the text between two words ends a sentence, 1 when it only ends a clause (a comma), else 0. */
function breakBetween(text: string, from: number, to: number): 0 | 1 | 2 {
  let found: 0 | 1 | 2 = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charAt(i);
    if (SENTENCE_BREAKS.has(ch)) return 2;
    if (CLAUSE_BREAKS.has(ch)) found = 1;
  }
  return found;
}
