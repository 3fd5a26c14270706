import type { Lexicon } from '../../lexicon/lexicon.js';
import { foldForMatching } from '../fold.js';
import type { Token } from './tokens.js';
import type { TableForm, VerbTable } from './verb-table.js';

/**
 * Phrases matched word by word over the tokens of one sentence. An entry is words separated by
 * spaces; each position is
 *   `a|b|c`   one of these words (folded),
 *   `@lemma`  any form of that verb (e.g. `@dar` matches dar, denles, le dé …); mixable: `@beat|@kick`,
 *   `<name>`  one word of a named word list (pro, poss, body, hn, weapon, adv, cl),
 *   `<w>`     any one word, `<obj>` one to seven words, `<gap>` zero to four words,
 * and a trailing `?` makes a position optional (`the?`, `<adv?>`, `<w?>`).
 * The first position must be a word, a verb or a word list, never optional, so phrases can be
 * indexed by their first word: one map lookup per word finds every phrase of every lexicon of a
 * book that could start there. Gaps are bounded, so matching is linear in the number of words.
 */

interface WordElement {
  readonly kind: 'word';
  readonly words: ReadonlySet<string>;
  readonly lemmas: ReadonlySet<string>;
  readonly optional: boolean;
}

interface GapElement {
  readonly kind: 'gap';
  readonly min: number;
  readonly max: number;
}

type Element = WordElement | GapElement;

interface Phrase<L extends string> {
  readonly label: L;
  readonly source: string;
  readonly elements: readonly Element[];
}

export interface PhraseMatch {
  readonly source: string;
  /** Token range [first, last). */
  readonly first: number;
  readonly last: number;
  /** Token matched by the first `@verb` position, or -1. */
  readonly verb: number;
}

/** The words of a post with the verb readings of each, computed once and shared by every matcher. */
export interface Words {
  readonly tokens: readonly Token[];
  readonly readings: readonly (readonly TableForm[])[];
}

const GAPS: Readonly<Record<string, readonly [number, number]>> = {
  w: [1, 1],
  'w?': [0, 1],
  obj: [1, 7],
  gap: [0, 4],
};

const SLOT = /^<([a-z]+)(\?)?>$/;
const CURLY_APOSTROPHE = /’/g;
const NONE: readonly PhraseMatch[] = [];
const NO_READINGS: readonly TableForm[] = [];

/** Several labelled phrase lexicons compiled into one index. */
export class PhraseBook<L extends string> {
  private readonly byFirstWord = new Map<string, Phrase<L>[]>();

  constructor(lexicons: Readonly<Record<L, Lexicon>>, verbs?: VerbTable, slots: Readonly<Record<string, ReadonlySet<string>>> = {}) {
    for (const [label, lexicon] of Object.entries(lexicons) as [L, Lexicon][]) {
      for (const source of [...lexicon.en, ...lexicon.es]) {
        const phrase: Phrase<L> = { label, source, elements: source.trim().split(/\s+/).map((part) => parseElement(part, slots, source)) };
        const [head] = phrase.elements;
        if (head === undefined || head.kind !== 'word' || head.optional) throw new Error(`threat phrase "${source}" must start with a word`);
        for (const key of [...head.words, ...[...head.lemmas].flatMap((lemma) => verbs?.surfacesOf(lemma) ?? [])]) {
          const list = this.byFirstWord.get(key);
          if (list === undefined) this.byFirstWord.set(key, [phrase]);
          else if (!list.includes(phrase)) list.push(phrase);
        }
      }
    }
  }

  /** Every phrase occurrence by label, at most one (the shortest) per phrase and start word. */
  findAll(words: Words): PhraseMatches<L> {
    const found = new Map<L, PhraseMatch[]>();
    const { tokens } = words;
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstWord.get(tokens[i]?.text ?? '');
      if (candidates === undefined) continue;
      for (const phrase of candidates) {
        if (!secondWordFits(phrase, tokens, i)) continue;
        const m = matchAt(phrase, words, i);
        if (m === undefined) continue;
        const list = found.get(phrase.label);
        if (list === undefined) found.set(phrase.label, [m]);
        else list.push(m);
      }
    }
    return new MatchesByLabel(found);
  }
}

/** Matches of a book, by label. */
export interface PhraseMatches<L extends string> {
  of(label: L): readonly PhraseMatch[];
  /** Matches of a label whose last token is in [from, to): a bounded look around one place. */
  endingIn(label: L, from: number, to: number): PhraseMatch[];
}

class MatchesByLabel<L extends string> implements PhraseMatches<L> {
  /** label → (last token → matches), built on first use so a long post costs linear time. */
  private readonly byEnd = new Map<L, Map<number, PhraseMatch[]>>();

  constructor(private readonly byLabel: ReadonlyMap<L, readonly PhraseMatch[]>) {}

  of(label: L): readonly PhraseMatch[] {
    return this.byLabel.get(label) ?? NONE;
  }

  endingIn(label: L, from: number, to: number): PhraseMatch[] {
    const all = this.byLabel.get(label);
    if (all === undefined) return [];
    let ends = this.byEnd.get(label);
    if (ends === undefined) {
      ends = new Map();
      for (const m of all) {
        const list = ends.get(m.last);
        if (list === undefined) ends.set(m.last, [m]);
        else list.push(m);
      }
      this.byEnd.set(label, ends);
    }
    const out: PhraseMatch[] = [];
    for (let last = Math.max(0, from); last < to; last++) out.push(...(ends.get(last) ?? NONE));
    return out;
  }
}

function matchAt<L extends string>(phrase: Phrase<L>, words: Words, first: number): PhraseMatch | undefined {
  const state = { sentence: words.tokens[first]?.sentence ?? -1, verb: -1 };
  const last = step(phrase.elements, 0, first, words, state);
  return last < 0 ? undefined : { source: phrase.source, first, last, verb: state.verb };
}

/** Matches elements[e…] from token t; returns the end token or -1. Records the first verb matched. */
function step(elements: readonly Element[], e: number, t: number, words: Words, state: { sentence: number; verb: number }): number {
  const element = elements[e];
  if (element === undefined) return t;
  const { tokens, readings } = words;
  if (element.kind === 'gap') {
    for (let k = element.min; k <= element.max; k++) {
      if (k > 0 && tokens[t + k - 1]?.sentence !== state.sentence) break;
      const end = step(elements, e + 1, t + k, words, state);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[t];
  if (token !== undefined && token.sentence === state.sentence) {
    const isVerb = element.lemmas.size > 0 && (readings[t] ?? NO_READINGS).some((f) => element.lemmas.has(f.lemma));
    if (isVerb || element.words.has(token.text)) {
      const end = step(elements, e + 1, t + 1, words, state);
      if (end >= 0) {
        if (isVerb && (state.verb < 0 || t < state.verb)) state.verb = t;
        return end;
      }
    }
  }
  return element.optional ? step(elements, e + 1, t, words, state) : -1;
}

/** A cheap look at the second word before a full match: most candidates fail there. */
function secondWordFits(phrase: Phrase<string>, tokens: readonly Token[], i: number): boolean {
  const second = phrase.elements[1];
  if (second === undefined || second.kind !== 'word' || second.optional || second.lemmas.size > 0) return true;
  const next = tokens[i + 1];
  return next !== undefined && second.words.has(next.text);
}

function parseElement(part: string, slots: Readonly<Record<string, ReadonlySet<string>>>, source: string): Element {
  const slot = SLOT.exec(part);
  if (slot !== null) {
    const name = slot[1] ?? '';
    const optional = slot[2] === '?';
    const gap = GAPS[optional ? `${name}?` : name];
    if (gap !== undefined) return { kind: 'gap', min: gap[0], max: gap[1] };
    const words = slots[name];
    if (words === undefined) throw new Error(`threat phrase "${source}": unknown word list <${name}>`);
    return { kind: 'word', words, lemmas: new Set(), optional };
  }
  const optional = part.endsWith('?');
  const body = optional ? part.slice(0, -1) : part;
  const alternatives = body.split('|').map(foldWord);
  return {
    kind: 'word',
    words: new Set(alternatives.filter((a) => !a.startsWith('@'))),
    lemmas: new Set(alternatives.filter((a) => a.startsWith('@')).map((a) => a.slice(1))),
    optional,
  };
}

const foldWord = (word: string): string => foldForMatching(word).replace(CURLY_APOSTROPHE, "'");

/** All words of lexicons as one folded set (for `<name>` word lists and single-word tests). */
export function wordSet(...lexicons: readonly Lexicon[]): ReadonlySet<string> {
  return new Set(lexicons.flatMap((l) => [...l.en, ...l.es]).map(foldWord));
}
