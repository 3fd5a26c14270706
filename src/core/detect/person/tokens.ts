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

// One linear pass: a word is letters/digits/_ joined by single apostrophes or hyphens.
const TOKEN = /[@#]?[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*/gu;
const DIGIT_OR_UNDERSCORE = /[\p{N}_]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CLAUSE_CONTINUES = /[\p{L}\p{N},;]/u;
const CONTRACTION = /['’](?!s$)\p{Ll}/u;
const POSSESSIVE = /['’]s$/u;
const INNER_CAPITAL = /(?<=.)\p{Lu}/gu;
// `M.ª` or `M.a`: María.
const SPANISH_ABBREVIATED_NAME = /^\.[aª](?![\p{L}\p{N}])/u;
const LINKED_BEFORE = new Set(['.', '/', '@', '=', '?', '&']);
const LINKED_AFTER = new Set(['.', '/', '@']);
/** Single capitals that are words, not initials, unless a dot follows. */
const LETTER_WORDS = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);
const KNOWN_NAME = W.GIVEN | W.SURNAME;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
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
    TOKEN.lastIndex = (tokens[tokens.length - 1] as Token).end;
  }
  return tokens;
}

function wordToken(text: string, raw: string, start: number): Token {
  let end = start + raw.length;
  const possessive = raw.length > 2 && POSSESSIVE.test(raw);
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
  return LINKED_BEFORE.has(text[start - 1] ?? ' ') && WORD_CHAR.test(text[start - 2] ?? ' ');
}

function linkedAfter(text: string, end: number): boolean {
  return LINKED_AFTER.has(text[end] ?? ' ') && WORD_CHAR.test(text[end + 1] ?? ' ');
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
