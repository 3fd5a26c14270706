import abbreviationsLexicon from '../../lexicon/dox-abbreviations.json' with { type: 'json' };
import type { AssessInput } from '../signals.js';
import type { EntityType, Finding } from '../../types.js';
import { findPhrases, type LexiconId, type PhraseMatch } from './lexicons.js';
import { toNormalizedSpan } from './offsets.js';
import { tokenize, type Span, type Token } from './tokens.js';
import { lowerBound } from '../../sorted.js';

/** One finding of the post, placed in the normalized text. */
export interface Item extends Span {
  /** Index into input.findings. */
  readonly index: number;
  readonly type: EntityType;
  readonly finding: Finding;
}

/** What every part of the dox module reads, built once per post. */
export interface DoxContext {
  readonly input: AssessInput;
  /** The normalized text (case kept): capitalisation tells names of places apart. */
  readonly text: string;
  /**
   * The folded text with typographic apostrophes made plain and every finding replaced by
   * `x`s of the same length, so cue words are never read inside an address, a name or an
   * e-mail, and offsets stay those of the normalized text.
   */
  readonly masked: string;
  readonly tokens: readonly Token[];
  /** Findings sorted by start, in normalized offsets. */
  readonly items: readonly Item[];
  /** Start offsets of the sentences, ascending, the first one 0. */
  readonly sentenceStarts: readonly number[];
  readonly phrases: ReadonlyMap<LexiconId, readonly PhraseMatch[]>;
}

const ABBREVIATIONS = new Set([...abbreviationsLexicon.en, ...abbreviationsLexicon.es]);
const SENTENCE_END = /(?<![.!?])[.!?]+(?=\s)|\n[^\S\n]*\n/g;
const LETTER = /\p{L}/u;
const NONE: readonly PhraseMatch[] = [];

export function buildContext(input: AssessInput): DoxContext {
  const n = input.normalized;
  const items: Item[] = [];
  input.findings.forEach((finding, index) => {
    const span = toNormalizedSpan(n, finding.start, finding.end);
    if (span.end > span.start) items.push({ index, type: finding.type, finding, start: span.start, end: span.end });
  });
  items.sort((a, b) => a.start - b.start);
  const masked = maskFindings(input.folded.includes('’') ? input.folded.replace(/’/g, "'") : input.folded, items);
  const tokens = tokenize(masked);
  return { input, text: n.text, masked, tokens, items, sentenceStarts: sentenceStarts(masked), phrases: findPhrases(tokens) };
}

function maskFindings(folded: string, items: readonly Item[]): string {
  let out = '';
  let last = 0;
  for (const item of items) {
    if (item.start < last) continue;
    out += folded.slice(last, item.start) + 'x'.repeat(item.end - item.start);
    last = item.end;
  }
  return out + folded.slice(last);
}

/** A period ends a sentence unless it closes an abbreviation or a single letter (an initial). */
function sentenceStarts(masked: string): number[] {
  const starts = [0];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(masked); m !== null; m = SENTENCE_END.exec(masked)) {
    const end = m.index + m[0].length;
    if (m[0] === '.') {
      const word = wordEndingAt(masked, m.index);
      if (word.length === 1 || ABBREVIATIONS.has(word)) continue;
    }
    starts.push(end);
  }
  SENTENCE_END.lastIndex = 0;
  return starts;
}

/** The run of letters that ends at `end`. */
function wordEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && LETTER.test(text.charAt(start - 1))) start--;
  return text.slice(start, end);
}

/** The sentence holding offset `pos` (binary search: lookups stay cheap on very long posts). */
export function sentenceAt(ctx: DoxContext, pos: number): Span {
  const starts = ctx.sentenceStarts;
  const i = Math.max(0, lowerBound(starts.length, (i) => starts[i] ?? 0, pos + 1) - 1);
  return { start: starts[i] ?? 0, end: starts[i + 1] ?? ctx.text.length };
}

/** Every entry of a lexicon found in the post. */
export function phrasesOf(ctx: DoxContext, id: LexiconId): readonly PhraseMatch[] {
  return ctx.phrases.get(id) ?? NONE;
}

/** Entries of a lexicon lying inside [from, to). */
export function phrasesIn(ctx: DoxContext, id: LexiconId, from: number, to: number): PhraseMatch[] {
  return phrasesOf(ctx, id).filter((m) => m.start >= from && m.end <= to);
}

/** The last entry of a lexicon inside [from, to); entries are sorted by start. */
export function lastPhrase(ctx: DoxContext, id: LexiconId, from: number, to: number): PhraseMatch | undefined {
  const all = phrasesOf(ctx, id);
  for (let i = lowerBound(all.length, (i) => all[i]?.start ?? 0, to) - 1; i >= 0; i--) {
    const m = all[i];
    if (m === undefined || m.start < from) return undefined;
    if (m.end <= to) return m;
  }
  return undefined;
}

/** The first entry of a lexicon inside [from, to). */
export function firstPhrase(ctx: DoxContext, id: LexiconId, from: number, to: number): PhraseMatch | undefined {
  return phrasesOf(ctx, id).find((m) => m.start >= from && m.end <= to);
}

/**
 * The word tokens inside [from, to); with `limit`, only the first or last few of them. Tokens are
 * sorted, so the cost is the size of the answer, not of the post.
 */
export function wordsIn(ctx: DoxContext, from: number, to: number, limit?: { readonly first?: number; readonly last?: number }): Token[] {
  const tokens = ctx.tokens;
  const out: Token[] = [];
  if (limit?.last !== undefined) {
    for (let i = lowerBound(tokens.length, (i) => tokens[i]?.start ?? 0, to) - 1; i >= 0 && out.length < limit.last; i--) {
      const t = tokens[i] as Token;
      if (t.start < from) break;
      if (t.word && t.end <= to) out.push(t);
    }
    return out.reverse();
  }
  const max = limit?.first ?? Infinity;
  for (let i = lowerBound(tokens.length, (i) => tokens[i]?.start ?? 0, from); i < tokens.length && out.length < max; i++) {
    const t = tokens[i] as Token;
    if (t.start >= to) break;
    if (t.word && t.end <= to) out.push(t);
  }
  return out;
}
