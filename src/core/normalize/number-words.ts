import lexicon from '../lexicon/number-words.json' with { type: 'json' };
import { MappedTextBuilder, type MappedText } from './mapped-text.js';

type Language = 'en' | 'es';

/**
 * digit 0–9; zeroInDigits "oh"/"o" (a zero only between English number words); teen: a whole
 * number below 100 in one word (12, veintitrés); tens 20–90; hundred: the English multiplier;
 * hundreds: a Spanish hundreds word (doscientos); thousand: thousand/mil.
 */
type Kind = 'digit' | 'zeroInDigits' | 'teen' | 'tens' | 'hundred' | 'hundreds' | 'thousand';

interface NumberWord {
  readonly kind: Kind;
  readonly value: number;
  readonly language: Language;
  /** A word that, standing alone, reads as prose (English "once", Spanish "ten", "50 mil pesos"). */
  readonly keptWhenAlone: boolean;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly word: NumberWord;
}

/**
 * How a token joins the next one: a plain separator (space, hyphen, dot), a grouping mark
 * (comma, or a dash between spaces, as in "three one two, five five five"), the Spanish "y" or
 * English "and" inside one number, or not at all.
 */
type Link = 'separator' | 'grouping' | 'y' | 'and' | undefined;

/**
 * The number words as a trie over their letters, in flat arrays: a scan reads each letter once,
 * with two array lookups and no allocation. Letters outside Latin-1 belong to no number word.
 */
interface Trie {
  /** Letter (code < 256, either case) → column, or -1. */
  readonly column: Int8Array;
  readonly width: number;
  /** node * width + column → child node, or 0 for none (node 0 is the root, never a child). */
  readonly next: Int32Array;
  readonly words: readonly (NumberWord | undefined)[];
}

const WORDS = buildWords();
const TRIE = buildTrie(WORDS);

/**
 * Some number word at the start of a word: the cheap test before the scan. "oh" and "o" are left
 * out: they only count between other number words.
 */
const NUMBER_WORD_HINT = new RegExp(
  `(?<![a-z])(?:${[...WORDS]
    .filter(([, entry]) => entry.kind !== 'zeroInDigits')
    .map(([word]) => word)
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'i',
);

function buildTrie(words: ReadonlyMap<string, NumberWord>): Trie {
  const letters = [...new Set([...words.keys()].join(''))];
  const column = new Int8Array(256).fill(-1);
  for (const [i, letter] of letters.entries()) {
    column[letter.charCodeAt(0)] = i;
    column[letter.toUpperCase().charCodeAt(0)] = i;
  }
  const width = letters.length;
  const children: number[] = [];
  const entries: (NumberWord | undefined)[] = [undefined];
  for (const [word, entry] of words) {
    let node = 0;
    for (const letter of word) {
      const slot = node * width + (column[letter.charCodeAt(0)] ?? 0);
      let child = children[slot] ?? 0;
      if (child === 0) {
        child = entries.length;
        entries.push(undefined);
        children[slot] = child;
      }
      node = child;
    }
    entries[node] = entry;
  }
  const next = new Int32Array(entries.length * width);
  for (const [slot, child] of children.entries()) next[slot] = child ?? 0;
  return { column, width, next, words: entries };
}

function buildWords(): Map<string, NumberWord> {
  const words = new Map<string, NumberWord>();
  const kept = new Set(lexicon.keptWhenAlone);
  const add = (word: string, kind: Kind, value: number, language: Language): void => {
    const entry: NumberWord = { kind, value, language, keptWhenAlone: kept.has(word) };
    words.set(word, entry);
    // People often drop the accent: "veintitres", "dieciseis".
    words.set(word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC'), entry);
  };
  for (const language of ['en', 'es'] as const) {
    const l = lexicon[language];
    for (const [w, v] of Object.entries(l.digits)) add(w, 'digit', v, language);
    for (const w of l.zeroInDigits) add(w, 'zeroInDigits', 0, language);
    for (const [w, v] of Object.entries(l.teens)) add(w, 'teen', v, language);
    for (const [w, v] of Object.entries(l.tens)) add(w, 'tens', v, language);
    for (const w of l.hundred) add(w, 'hundred', 100, language);
    for (const [w, v] of Object.entries(l.hundreds)) add(w, 'hundreds', v, language);
    for (const w of l.thousand) add(w, 'thousand', 1000, language);
  }
  return words;
}

const LETTER = /\p{L}/u;
/** Between two number words: spaces, or one hyphen or dot with nothing around it. */
const SEPARATOR_GAP = /^(?:[ \t]+|[-.])$/;
/** Between two groups of number words: a comma or dash with optional spaces. */
const GROUPING_GAP = /^[ \t]*[,\u2013\u2014-][ \t]*$/;
const Y_GAP = /^[ \t]+y[ \t]+$/i;
const AND_GAP = /^[ \t]+and[ \t]+$/i;
const LONGEST_GAP = 7;

/**
 * Number words → ASCII digits, in English and Spanish ("three one two" → "312", "twenty-eight
 * forty-one" → "2841", "treinta y dos" → "32", "dos mil dos" → "2002", "5five5" → "555").
 * Number words joined by spaces, a comma or a dash form a run; each whole number in the run
 * ("twenty-eight", "dos mil dos") becomes its digits and the separators between them are dropped.
 * Rule: a run becomes digits if it has ≥ 2 number words, or its one word touches a digit or is ≥ 10.
 * A lone word that reads as prose ("I once", "ten cuidado", "50 mil pesos") and a lone small
 * number ("one of them", "dos personas") stay words.
 */
export function numberWordsToDigits(source: MappedText): MappedText {
  const text = source.text;
  if (!NUMBER_WORD_HINT.test(text)) return source;
  const tokens = withoutAddressParts(text, findNumberWords(text));
  if (tokens.length === 0) return source;

  let builder: MappedTextBuilder | undefined;
  let last = 0;
  for (const run of splitRuns(text, tokens)) {
    if (!shouldConvert(text, run.tokens)) continue;
    const numbers = parseNumbers(run);
    builder ??= new MappedTextBuilder(source);
    builder.copy(last, numbers[0]?.start ?? last);
    for (const [i, n] of numbers.entries()) {
      builder.replace(n.start, n.end, String(n.value));
      last = numbers[i + 1]?.start ?? n.end;
    }
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

function findNumberWords(text: string): Token[] {
  const tokens: Token[] = [];
  const { column, width, next, words } = TRIE;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    let node = 0;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isLetter(c, text, j)) break;
      if (node < 0) continue;
      const col = c < 256 ? (column[c] ?? -1) : -1;
      node = col < 0 ? -1 : (next[node * width + col] ?? 0) || -1;
    }
    const word = node > 0 ? words[node] : undefined;
    if (word !== undefined) tokens.push({ start: i, end: j, word });
    i = j;
  }
  return tokens;
}

/** Letters among the first 256 code units: ASCII and Latin-1 letters. */
const LATIN1_LETTER = Uint8Array.from({ length: 256 }, (_, c) => (LETTER.test(String.fromCharCode(c)) ? 1 : 0));

function isLetter(c: number, text: string, i: number): boolean {
  if (c < 256) return LATIN1_LETTER[c] === 1;
  return LETTER.test(text.charAt(i));
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

/** Drops words inside a chunk with an "@": e-mail addresses and handles keep their letters. */
function withoutAddressParts(text: string, tokens: Token[]): Token[] {
  if (tokens.length === 0 || !text.includes('@')) return tokens;
  const kept: Token[] = [];
  let chunkStart = 0;
  let k = 0;
  for (let i = 0; i <= text.length && k < tokens.length; i++) {
    if (i < text.length && !isSpace(text.charCodeAt(i))) continue;
    const hasAt = text.slice(chunkStart, i).includes('@');
    for (; k < tokens.length && (tokens[k]?.start ?? 0) < i; k++) {
      const token = tokens[k];
      if (token !== undefined && !hasAt) kept.push(token);
    }
    chunkStart = i + 1;
  }
  return kept;
}

/** Number words joined by valid links, so every connector inside is part of one number. */
interface Run {
  readonly tokens: readonly Token[];
}

function linkBetween(text: string, left: Token, right: Token): Link {
  if (right.start - left.end > LONGEST_GAP) return undefined;
  const gap = text.slice(left.end, right.start);
  if (SEPARATOR_GAP.test(gap)) return 'separator';
  if (GROUPING_GAP.test(gap)) return 'grouping';
  if (Y_GAP.test(gap)) return 'y';
  if (AND_GAP.test(gap)) return 'and';
  return undefined;
}

/** Whether a connector word is part of one number: "treinta y dos", "two hundred and five". */
function connectorHolds(link: Link, left: NumberWord, right: NumberWord): boolean {
  if (link === 'y') {
    return left.language === 'es' && left.kind === 'tens' && right.language === 'es' && right.kind === 'digit' && right.value > 0;
  }
  if (link === 'and') {
    return (
      left.language === 'en' &&
      (left.kind === 'hundred' || left.kind === 'thousand') &&
      right.language === 'en' &&
      (right.kind === 'teen' || right.kind === 'tens' || (right.kind === 'digit' && right.value > 0))
    );
  }
  return link !== undefined;
}

const joinsWords = (link: Link): boolean => link !== undefined && link !== 'grouping';

/**
 * Groups tokens into runs.
 * - "oh"/"o" is a zero only with English number words on both sides ("six oh two",
 *   "two-oh-four"); elsewhere ("uno o dos", "oh well") it ends the run.
 * - A grouping mark joins two groups of at least two words each, the way numbers are dictated
 *   ("tres dos tres, cinco cinco cinco"); a list such as "seis, nueve, doce" stays apart.
 */
function splitRuns(text: string, tokens: readonly Token[]): Run[] {
  const n = tokens.length;
  const links: Link[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const left = tokens[i] as Token;
    const right = tokens[i + 1] as Token;
    const link = linkBetween(text, left, right);
    links.push(connectorHolds(link, left.word, right.word) ? link : undefined);
  }

  const plain = (link: Link): boolean => link === 'separator' || link === 'grouping';
  const englishBefore = new Array<boolean>(n).fill(false);
  const englishAfter = new Array<boolean>(n).fill(false);
  for (let i = 1; i < n; i++) {
    const prev = (tokens[i - 1] as Token).word;
    englishBefore[i] =
      plain(links[i - 1]) && prev.language === 'en' && (prev.kind !== 'zeroInDigits' || englishBefore[i - 1] === true);
  }
  for (let i = n - 2; i >= 0; i--) {
    const next = (tokens[i + 1] as Token).word;
    englishAfter[i] =
      plain(links[i]) && next.language === 'en' && (next.kind !== 'zeroInDigits' || englishAfter[i + 1] === true);
  }
  const kept = tokens.map((token, i) => token.word.kind !== 'zeroInDigits' || (englishBefore[i] === true && englishAfter[i] === true));
  for (let i = 0; i + 1 < n; i++) if (!kept[i] || !kept[i + 1]) links[i] = undefined;
  const groupingHolds = links.map((link, i) => link !== 'grouping' || (joinsWords(links[i - 1]) && joinsWords(links[i + 1])));

  const runs: Run[] = [];
  let current: Token[] = [];
  for (let i = 0; i < n; i++) {
    if (kept[i] === true) current.push(tokens[i] as Token);
    if (links[i] === undefined || groupingHolds[i] !== true) {
      if (current.length > 0) runs.push({ tokens: current });
      current = [];
    }
  }
  return runs;
}

function shouldConvert(text: string, tokens: readonly Token[]): boolean {
  if (tokens.length >= 2) return true;
  const only = tokens[0];
  if (only === undefined || only.word.keptWhenAlone) return false;
  return only.word.value >= 10 || touchesDigit(text, only.start, only.end);
}

/** A digit right beside the word, or one space, dot or dash away ("5five5", "55-uno"). */
function touchesDigit(text: string, start: number, end: number): boolean {
  const separator = (i: number): boolean => ' .-'.includes(text.charAt(i)) && i >= 0 && i < text.length;
  return (
    isDigit(text, start - 1) ||
    isDigit(text, end) ||
    (separator(start - 1) && isDigit(text, start - 2)) ||
    (separator(end) && isDigit(text, end + 1))
  );
}

interface ParsedNumber {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

/** A whole number read from some token on: its value and the index of the token after it. */
interface Parse {
  readonly value: number;
  readonly next: number;
}

/** Splits a run into whole numbers, greedily: "twenty-eight forty-one" → 28, 41. */
function parseNumbers(run: Run): ParsedNumber[] {
  const out: ParsedNumber[] = [];
  let i = 0;
  while (i < run.tokens.length) {
    const parsed = parseNumber(run, i);
    const first = run.tokens[i] as Token;
    const lastToken = run.tokens[parsed.next - 1] as Token;
    out.push({ start: first.start, end: lastToken.end, value: parsed.value });
    i = parsed.next;
  }
  return out;
}

function kindAt(run: Run, i: number): Kind | undefined {
  return run.tokens[i]?.word.kind;
}

/** [below-thousand] thousand [below-thousand] | below-thousand; every word starts one of these. */
function parseNumber(run: Run, i: number): Parse {
  const head = parseBelowThousand(run, i);
  // Only a thousand word starts no smaller number.
  if (head === undefined) return extend(run, { value: 1000, next: i + 1 }, parseBelowThousand);
  if (kindAt(run, head.next) === 'thousand' && head.value > 0) {
    return extend(run, { value: head.value * 1000, next: head.next + 1 }, parseBelowThousand);
  }
  return head;
}

/** hundreds [below-hundred] | (1–9 | English teen) hundred [below-hundred] | below-hundred */
function parseBelowThousand(run: Run, i: number): Parse | undefined {
  const token = run.tokens[i];
  if (token === undefined) return undefined;
  const { kind, value, language } = token.word;
  if (kind === 'hundreds' || kind === 'hundred') {
    return extend(run, { value, next: i + 1 }, parseBelowHundred);
  }
  const multiplies = (kind === 'digit' && value > 0) || (kind === 'teen' && language === 'en');
  if (multiplies && kindAt(run, i + 1) === 'hundred') {
    return extend(run, { value: value * 100, next: i + 2 }, parseBelowHundred);
  }
  return parseBelowHundred(run, i);
}

/** tens [1–9] | teen | digit */
function parseBelowHundred(run: Run, i: number): Parse | undefined {
  const token = run.tokens[i];
  if (token === undefined) return undefined;
  const { kind, value, language } = token.word;
  if (kind === 'tens') {
    const unit = run.tokens[i + 1]?.word;
    if (unit !== undefined && unit.kind === 'digit' && unit.value > 0 && unit.language === language) {
      return { value: value + unit.value, next: i + 2 };
    }
    return { value, next: i + 1 };
  }
  if (kind === 'teen' || kind === 'digit' || kind === 'zeroInDigits') return { value, next: i + 1 };
  return undefined;
}

/** Adds what `tail` parses right after `head`, if anything. */
function extend(run: Run, head: Parse, tail: (run: Run, i: number) => Parse | undefined): Parse {
  const rest = tail(run, head.next);
  return rest === undefined ? head : { value: head.value + rest.value, next: rest.next };
}
