import { contextFlags, foldKey, foldLower, W, wordFlags } from './lexicons.js';

/**
 * `cap`: Title-case word (`Rosa`, `O'Malley`, `Moreno-Arrones`, `McDonald`); `initial`: one capital
 * letter, usually with its dot (`B.`); `upper`: all capitals (`ICE`, `CDMX`); `lower`: starts lower-case;
 * `other`: anything that cannot be a name word (digits, `_`, contractions, parts of URLs and e-mails).
 */
export type Shape = 'cap' | 'initial' | 'upper' | 'lower' | 'other';

export interface Token {
  readonly start: number;
  /** End of the token; an initial's dot is included. */
  readonly end: number;
  /** End of the name part: before a possessive `'s`. */
  readonly nameEnd: number;
  /** Lower-case text, possessive included (`name's`), for cue phrases; folded (see foldKey) unless the word starts lower-case. */
  readonly lower: string;
  /** Key of the name part for the word lists: like `lower`, without the possessive. */
  readonly key: string;
  /** What the word lists say about `key` (see W); only the context lists for words that cannot be names. */
  readonly flags: number;
  readonly shape: Shape;
  /** An @mention that stands alone (not the middle of an e-mail address). */
  readonly handle: boolean;
  /** First word of a sentence, line, list item or label value: its capital says nothing. */
  readonly sentenceStart: boolean;
}

/** One letter, mark, digit or `_` at a given position (sticky); only tried on non-ASCII characters. */
const WORD_UNIT = /[\p{L}\p{M}\p{N}_]/uy;
const DIGIT_OR_UNDERSCORE = /[\p{N}_]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CLAUSE_CONTINUES = /[\p{L}\p{N},;]/u;
const CONTRACTION = /['’](?!s$)\p{Ll}/u;
const INNER_CAPITAL = /(?<=.)\p{Lu}/gu;
// `M.ª` or `M.a`: María.
const SPANISH_ABBREVIATED_NAME = /^\.[aª](?![\p{L}\p{N}])/u;
/** Single capitals that are words, not initials, unless a dot follows. */
const LETTER_WORDS = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);
const KNOWN_NAME = W.GIVEN | W.SURNAME;

/**
 * Words in one linear pass over the code units: an optional `@`/`#`, then letters/digits/_ joined by
 * single apostrophes or hyphens. An initial's dot may extend a token; the next word starts after it.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let from = 0;
  while (from < n) {
    const start = from;
    let end = wordRunEnd(text, start);
    if (end === start) {
      const c = text.charCodeAt(start);
      if (c !== 64 && c !== 35) {
        from += isSurrogatePair(text, start) ? 2 : 1;
        continue;
      }
      end = wordRunEnd(text, start + 1);
      if (end === start + 1) {
        from++;
        continue;
      }
    }
    end = joinedRunsEnd(text, end);
    const raw = text.slice(start, end);
    const lead = raw.charCodeAt(0);
    // Fast path for the common case, a word that starts lower-case: it is looked up as written.
    if (lead >= 97 && lead <= 122) {
      const flags = contextFlags(raw);
      tokens.push({ start, end, nameEnd: end, lower: raw, key: raw, flags, shape: 'lower', handle: false, sentenceStart: false });
    } else if (lead === 64 || lead === 35) {
      const handle = lead === 64 && raw.length > 1 && !WORD_CHAR.test(text[start - 1] ?? ' ') && !linkedAfter(text, end);
      const lower = raw.toLowerCase();
      tokens.push({ start, end, nameEnd: end, lower, key: lower, flags: 0, shape: 'other', handle, sentenceStart: false });
    } else {
      tokens.push(wordToken(text, raw, start));
    }
    from = (tokens[tokens.length - 1] as Token).end;
  }
  return tokens;
}

/** Length of the letter, mark, digit or `_` at `i` (2 for an astral one), 0 if there is none. */
function wordUnitLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return 1;
  if (!(c > 0x7f)) return 0;
  WORD_UNIT.lastIndex = i;
  return WORD_UNIT.test(text) ? WORD_UNIT.lastIndex - i : 0;
}

/** End of the run of word units starting at `i` (`i` itself when there is none). */
function wordRunEnd(text: string, i: number): number {
  let end = i;
  for (let length = wordUnitLength(text, end); length > 0; length = wordUnitLength(text, end)) end += length;
  return end;
}

/** Extends a run over each apostrophe or hyphen that a further run follows (`O'Malley`, `Jean-Luc`). */
function joinedRunsEnd(text: string, end: number): number {
  for (;;) {
    const c = text.charCodeAt(end);
    if (c !== 39 && c !== 0x2019 && c !== 45) return end;
    const next = wordRunEnd(text, end + 1);
    if (next === end + 1) return end;
    end = next;
  }
}

function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}

function wordToken(text: string, raw: string, start: number): Token {
  let end = start + raw.length;
  const possessive = raw.length > 2 && isPossessive(raw);
  const name = possessive ? raw.slice(0, -2) : raw;
  const dotted = text[end] === '.';
  const abbreviatedName = raw.length === 1 && SPANISH_ABBREVIATED_NAME.test(text.slice(end, end + 3));
  const linked = !abbreviatedName && (linkedBefore(text, start) || linkedAfter(text, end));
  const shape = linked ? 'other' : shapeOf(name, raw, dotted);
  if (shape === 'initial' && dotted) end += abbreviatedName ? 2 : 1;
  const nameEnd = possessive ? end - 2 : end;
  const sentenceStart = shape === 'cap' || shape === 'initial' ? startsSentence(text, start) : false;
  const lower = foldLower(raw.toLowerCase());
  const key = possessive ? lower.slice(0, -2) : lower;
  const flags = shape === 'cap' || shape === 'initial' ? wordFlags(key) : contextFlags(key);
  return { start, end, nameEnd, lower, key, flags, shape, handle: false, sentenceStart };
}

/** Ends in `'s` or `’s`. */
function isPossessive(raw: string): boolean {
  const apostrophe = raw.charCodeAt(raw.length - 2);
  return raw.charCodeAt(raw.length - 1) === 115 && (apostrophe === 39 || apostrophe === 0x2019);
}

function shapeOf(name: string, raw: string, dotted: boolean): Shape {
  const ascii = asciiShape(name, raw);
  if (ascii !== undefined) return ascii;
  if (DIGIT_OR_UNDERSCORE.test(name) || CONTRACTION.test(raw)) return 'other';
  const first = name[0] ?? '';
  if (!UPPER.test(first)) return LOWER.test(first) ? 'lower' : 'other';
  if (name.length === 1) return LETTER_WORDS.has(name) && !dotted ? 'other' : 'initial';
  if (!LOWER.test(name)) return 'upper';
  return innerCapitalsFit(name) ? 'cap' : 'other';
}

/** shapeOf for the common case of a plain ASCII word of two or more letters; undefined otherwise. */
function asciiShape(name: string, raw: string): Shape | undefined {
  if (name.length < 2 || name.length !== raw.length) return undefined;
  let upper = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c < 97 || c > 122) return undefined;
  }
  const lead = name.charCodeAt(0);
  if (lead >= 97) return 'lower';
  if (upper === name.length) return 'upper';
  return upper === 1 ? 'cap' : undefined;
}

/** Inner capitals are fine after an apostrophe or hyphen, after a name prefix, or between two known names. */
function innerCapitalsFit(name: string): boolean {
  const cuts: number[] = [];
  INNER_CAPITAL.lastIndex = 0;
  for (let m = INNER_CAPITAL.exec(name); m !== null; m = INNER_CAPITAL.exec(name)) cuts.push(m.index);
  if (cuts.length === 0) return true;
  let from = 0;
  for (const cut of cuts) {
    const joint = name[cut - 1] ?? '';
    if (joint !== "'" && joint !== '’' && joint !== '-') {
      const part = foldKey(name.slice(from, cut));
      const whole = foldKey(name.slice(cut));
      const prefixed = from === 0 && (contextFlags(part) & W.NAME_PREFIX) !== 0;
      const twoNames = cuts.length === 1 && (wordFlags(part) & W.GIVEN) !== 0 && (wordFlags(whole) & KNOWN_NAME) !== 0;
      if (!prefixed && !twoNames) return false;
    }
    from = cut;
  }
  return true;
}

/** The word is glued to a URL, an e-mail address or a domain (`x.com/Rosa`, `Rosa.Quintero@`). */
function linkedBefore(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 1);
  // . / @ = ? &
  const link = c === 46 || c === 47 || c === 64 || c === 61 || c === 63 || c === 38;
  return link && WORD_CHAR.test(text[start - 2] ?? ' ');
}

function linkedAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  // . / @
  return (c === 46 || c === 47 || c === 64) && WORD_CHAR.test(text[end + 1] ?? ' ');
}

function startsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0) {
    const c = text[i] ?? '';
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return !CLAUSE_CONTINUES.test(c);
    i--;
  }
  return true;
}
