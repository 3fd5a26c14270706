import type { Lexicon } from '../../lexicon/lexicon.js';

/**
 * Lexicon entries for the bounty module are lower-case, accent-free phrases matched on the
 * folded text, with a small notation compiled into linear-time patterns:
 * - a space matches any run of whitespace;
 * - `…` stands for up to eight words ("breaks … legs" → "breaks Officer Kohl's legs");
 * - a trailing `*` on a word allows any letters after it (Spanish clitics: "matar*" → "matarlo");
 * - an apostrophe is optional and may be straight or curly ("i'll" → "ill", "i’ll").
 */
const GAP = '(?:\\S+\\s+){0,8}';
/**
 * No letter, digit or underscore follows: the end of a whole word. Folded text spells Latin
 * letters as ASCII (accents stripped, look-alikes folded), so ASCII classes suffice and keep the
 * patterns several times faster than Unicode ones.
 */
export const WORD_END = '(?![a-z0-9_])';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wordPattern(word: string): string {
  const open = word.endsWith('*') && word.length > 1;
  const body = open ? word.slice(0, -1) : word;
  const literal = escape(body).replace(/'/g, "['’]?");
  return open ? `${literal}[a-z]*` : literal;
}

function phrasePattern(entry: string): string {
  let out = '';
  let afterGap = false;
  for (const token of entry.trim().split(/\s+/)) {
    const gap = token === '…';
    const separator = out === '' || afterGap || gap ? '' : '\\s+';
    out += separator + (gap ? `\\s+${GAP}` : wordPattern(token));
    afterGap = gap;
  }
  return out;
}

/** Letters of an open-ended first word that key its entries; every such entry has at least this many. */
const STEM = 4;

/**
 * A compiled lexicon, keyed by the word its entries start with: a post is matched by looking its
 * own words up, and running the (sticky) pattern of the entries that start with that word at that
 * word only. The cost follows the words of the post, not the size of the lexicon.
 */
export interface PhraseSet {
  readonly byWord: ReadonlyMap<string, RegExp>;
  /** Entries whose first word is open-ended ("matar*"), keyed by its first STEM letters. */
  readonly byStem: ReadonlyMap<string, RegExp>;
}

export function compilePhrases(lexicon: Lexicon): PhraseSet {
  const byWord = new Map<string, string[]>();
  const byStem = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, entry: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    map.set(key, list);
  };
  for (const entry of [...lexicon.en, ...lexicon.es]) {
    const first = entry.trim().split(/\s+/)[0] ?? '';
    if (first.endsWith('*')) add(byStem, first.slice(0, STEM), entry);
    else for (const key of firstWordKeys(first)) add(byWord, key, entry);
  }
  const sticky = (map: Map<string, string[]>): Map<string, RegExp> =>
    new Map([...map].map(([key, entries]) => [key, new RegExp(`(?:${alternation(entries)})${WORD_END}`, 'y')]));
  return { byWord: sticky(byWord), byStem: sticky(byStem) };
}

/** The words the text of a first word splits into, and its spelling without apostrophes ("i'll" → i, ill). */
function firstWordKeys(first: string): string[] {
  const keys = new Set<string>();
  for (const part of [first.replace(/['’]/g, ''), ...first.split(/[^a-z0-9]+/)]) {
    const leading = /^[a-z0-9]+/.exec(part)?.[0];
    if (leading !== undefined) keys.add(leading);
  }
  return [...keys];
}

/**
 * For a prefilter: the longest word of every entry (an open-ended word as a stem), as an
 * alternation. A post that matches an entry contains its longest word; short function words
 * ("a", "en", "i") would let almost every post through.
 */
export function keyWordAlternation(lexicon: Lexicon): string {
  const keys = new Set<string>();
  for (const entry of [...lexicon.en, ...lexicon.es]) {
    const tokens = entry.split(/[^a-z0-9*]+/).filter((t) => t !== '' && t !== '*');
    const longest = tokens.reduce((a, b) => (b.replace('*', '').length > a.replace('*', '').length ? b : a), '');
    if (longest !== '') keys.add(longest.endsWith('*') ? `${escape(longest.slice(0, -1))}[a-z]*` : escape(longest));
  }
  return [...keys].join('|');
}

/** A word of a folded post: its text, its first STEM letters (or '' when shorter) and its offset. */
interface Word {
  readonly word: string;
  readonly stem: string;
  readonly start: number;
}

/** The words of a folded post with their offsets, built once per post. */
export class WordIndex {
  readonly words: readonly Word[];

  constructor(folded: string) {
    const words: Word[] = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(folded); m !== null; m = WORD.exec(folded)) {
      words.push({ word: m[0], stem: m[0].length >= STEM ? m[0].slice(0, STEM) : '', start: m.index });
    }
    WORD.lastIndex = 0;
    this.words = words;
  }
}

const WORD = /[a-z0-9]+/g;

/** Every non-overlapping match of a phrase set, leftmost first, longest entry at each word. */
export function findPhrases(set: PhraseSet, folded: string, index: WordIndex): Match[] {
  const out: Match[] = [];
  const stems = set.byStem.size > 0;
  let from = 0;
  for (const { word, stem, start } of index.words) {
    if (start < from) continue;
    const byWord = set.byWord.get(word);
    const byStem = stems && stem !== '' ? set.byStem.get(stem) : undefined;
    if (byWord === undefined && byStem === undefined) continue;
    const end = Math.max(stickyEnd(byWord, folded, start), stickyEnd(byStem, folded, start));
    if (end > start) {
      out.push({ start, end });
      from = end;
    }
  }
  return out;
}

function stickyEnd(pattern: RegExp | undefined, folded: string, at: number): number {
  if (pattern === undefined) return -1;
  pattern.lastIndex = at;
  const m = pattern.exec(folded);
  return m === null ? -1 : at + m[0].length;
}

/** The entries as a bare alternation, for embedding into a larger construction. */
export function phraseAlternation(lexicon: Lexicon): string {
  return alternation([...lexicon.en, ...lexicon.es]);
}

/** Longest entry first, so an alternation prefers "pago bien" to "pago". */
function alternation(entries: readonly string[]): string {
  return [...new Set(entries)]
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern)
    .join('|');
}

/** A span of the folded text found by a pattern. */
export interface Match {
  readonly start: number;
  readonly end: number;
}

/**
 * Every non-overlapping match of a global pattern. An exec loop rather than
 * `String.prototype.matchAll`, which clones (and re-parses) the pattern on every call.
 */
export function matchAll(pattern: RegExp, text: string): Match[] {
  const out: Match[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return out;
}

export const overlaps = (a: Match, b: Match): boolean => a.start < b.end && b.start < a.end;

/** Code units between two spans; 0 when they touch or overlap. */
export const distance = (a: Match, b: Match): number => (a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0);
