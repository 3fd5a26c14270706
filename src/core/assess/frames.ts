import articles from '../lexicon/frames-articles.json' with { type: 'json' };
import counterSpeech from '../lexicon/frames-counter-speech.json' with { type: 'json' };
import fiction from '../lexicon/frames-fiction.json' with { type: 'json' };
import gameSport from '../lexicon/frames-game-sport.json' with { type: 'json' };
import history from '../lexicon/frames-history.json' with { type: 'json' };
import hyperbole from '../lexicon/frames-hyperbole.json' with { type: 'json' };
import negations from '../lexicon/frames-negations.json' with { type: 'json' };
import reporting from '../lexicon/frames-reporting.json' with { type: 'json' };
import verdicts from '../lexicon/frames-verdicts.json' with { type: 'json' };
import yearPrepositions from '../lexicon/frames-year-prepositions.json' with { type: 'json' };
import type { Lexicon } from '../lexicon/lexicon.js';
import { foldForMatching } from './fold.js';
import type { AssessInput } from './signals.js';
import { PhraseBook, wordSet } from './threat/token-patterns.js';
import { tokenize, type Token } from './threat/tokens.js';

/**
 * Framings under which violent or reward language is not itself a threat or a bounty
 * (POLICY §2–3): reporting, quotation, counter-speech, fiction, games and sports, history,
 * hyperbole.
 */
export type FrameKind = 'reporting' | 'quotation' | 'counter_speech' | 'fiction' | 'game_sport' | 'history' | 'hyperbole';

export interface Frame {
  readonly kind: FrameKind;
  /**
   * NORMALIZED offsets of the words that mark the frame. For `quotation`, the quoted words
   * themselves (inside the marks), so a label can tell whether its evidence is quoted.
   */
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

type WordFrame = Exclude<FrameKind, 'quotation'>;

const REASON: Readonly<Record<FrameKind, string>> = {
  reporting: 'news or court reporting',
  counter_speech: 'condemns or reports what it quotes',
  fiction: 'marked as fiction or lyrics',
  game_sport: 'about a game or a sport',
  history: 'about history',
  hyperbole: 'joking or hyperbolic tone',
  quotation: 'quoted words',
};

/** "not in game", "no es broma": a negation right before the words undoes these frames. */
const NEGATABLE: ReadonlySet<FrameKind> = new Set(['fiction', 'game_sport', 'hyperbole']);

const LEXICONS: Readonly<Record<WordFrame, Lexicon>> = {
  reporting,
  counter_speech: counterSpeech,
  fiction,
  game_sport: gameSport,
  history,
  hyperbole,
};

const PATTERN_SYNTAX = /[<|]/;
/** A screenplay scene heading: INT. or EXT. in capitals at the start of a line. */
const SLUG_LINE = /^[ \t]*(?:INT|EXT)\./gm;
/** Symbols (emoji) lie far beyond the Latin letters: a text without such characters has none. */
const FIRST_SYMBOL = 0x2500;

/**
 * Frame entries as words (d&d → "d d", in-game → "in game"); entries without words are symbols
 * (🎮); entries already written as a phrase pattern (with `<w?>` gaps or `a|b`) stay as they are.
 */
const asWords = (entry: string): string => {
  if (PATTERN_SYNTAX.test(entry)) return entry;
  const folded = foldForMatching(entry);
  return tokenize(folded, folded)
    .map((t) => t.text)
    .join(' ');
};
const WORD_FRAMES = Object.keys(LEXICONS) as WordFrame[];
const wordsOnly = (l: Lexicon): Lexicon => ({ en: l.en.map(asWords).filter((w) => w !== ''), es: l.es.map(asWords).filter((w) => w !== '') });
const WORDS = new PhraseBook<WordFrame>({
  reporting: wordsOnly(reporting),
  counter_speech: wordsOnly(counterSpeech),
  fiction: wordsOnly(fiction),
  game_sport: wordsOnly(gameSport),
  history: wordsOnly(history),
  hyperbole: wordsOnly(hyperbole),
});
const SYMBOLS: readonly (readonly [WordFrame, string])[] = (Object.entries(LEXICONS) as [WordFrame, Lexicon][]).flatMap(([kind, l]) =>
  [...l.en, ...l.es].filter((e) => asWords(e) === '').map((e) => [kind, e] as const),
);

const NEGATIONS = wordSet(negations);
const SKIPPABLE = wordSet(articles);
/** A year long past after a preposition (in 1880, en 1888, del 1919), or a decade (the 1920s). */
/** A one-word sentence that reports a post: "Reported." */
const SENTENCE_VERDICTS = wordSet(verdicts);
const YEAR_PREPOSITIONS = wordSet(yearPrepositions);
const OLD_YEAR = /^(?:1[0-8]\d\d|19[0-4]\d)$/;
const DECADE = /^1\d{2}0s$/;

/** Closing mark for each opening quotation mark; a straight quote closes itself. */
const CLOSERS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '„': '“' };
const QUOTE_MARKS = /["“«„'‘]/;
const DOUBLE_OPENER = /["“«„]/g;
const SINGLE_MARK = /['‘’]/g;
/** Below this many letters outside the quotes, the quotation is the whole post, not a quotation. */
const MIN_OUTSIDE_LETTERS = 12;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

export function detectFrames(input: AssessInput): Frame[] {
  const tokens = input.tokens();
  const frames: Frame[] = [];
  const found = WORDS.findAll({ tokens, readings: [] });
  for (const kind of WORD_FRAMES) {
    for (const m of found.of(kind)) {
      if (NEGATABLE.has(kind) && negatedAt(tokens, m.first)) continue;
      frames.push(frame(kind, tokens[m.first]?.start ?? 0, tokens[m.last - 1]?.end ?? 0));
    }
  }
  if (hasSymbols(input.folded)) {
    for (const [kind, symbol] of SYMBOLS) {
      const at = input.folded.indexOf(symbol);
      if (at >= 0) frames.push(frame(kind, at, at + symbol.length));
    }
  }
  SLUG_LINE.lastIndex = 0;
  for (let m = SLUG_LINE.exec(input.normalized.text); m !== null; m = SLUG_LINE.exec(input.normalized.text)) {
    frames.push(frame('fiction', m.index, m.index + m[0].length));
  }
  tokens.forEach((t, i) => {
    if (SENTENCE_VERDICTS.has(t.text) && tokens[i - 1]?.sentence !== t.sentence && tokens[i + 1]?.sentence !== t.sentence) {
      frames.push(frame('counter_speech', t.start, t.end));
    }
    if (t.text.startsWith('1') && (DECADE.test(t.text) || (OLD_YEAR.test(t.text) && YEAR_PREPOSITIONS.has(tokens[i - 1]?.text ?? '') && !addressAfter(tokens, i)))) {
      frames.push(frame('history', t.start, t.end));
    }
  });
  if (QUOTE_MARKS.test(input.normalized.text)) for (const q of quotations(input.normalized.text)) frames.push(frame('quotation', q.start, q.end));
  return frames.sort((a, b) => a.start - b.start || a.end - b.end);
}

function hasSymbols(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= FIRST_SYMBOL) return true;
  return false;
}

/** A number followed in its clause by a capitalized word is a house number (vive en 1845 S Loomis), not a year. */
function addressAfter(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return next !== undefined && next.clause === tokens[i]?.clause && next.capitalized;
}

const frame = (kind: FrameKind, start: number, end: number): Frame => ({ kind, start, end, reason: REASON[kind] });

/** True when one of the words just before token `at` is a negation (skipping articles): NOT in game. */
function negatedAt(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const word = tokens[k]?.text ?? '';
    if (NEGATIONS.has(word)) return true;
    if (!SKIPPABLE.has(word)) return false;
  }
  return false;
}

/**
 * Stretches between paired quotation marks, sorted and disjoint (a quote inside a quote is part
 * of the outer one), when the post also has words of its own outside them.
 */
function quotations(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const r of [...doubleQuoted(text), ...singleQuoted(text)].sort((a, b) => a.start - b.start)) {
    const previous = ranges.at(-1);
    if (previous !== undefined && r.start <= previous.end) ranges[ranges.length - 1] = { start: previous.start, end: Math.max(previous.end, r.end) };
    else ranges.push(r);
  }
  if (ranges.length === 0) return ranges;
  let outside = 0;
  let cursor = 0;
  for (const r of [...ranges, { start: text.length, end: text.length }]) {
    for (let i = cursor; i < r.start; i++) if (LETTER.test(text.charAt(i))) outside++;
    cursor = r.end;
  }
  return outside >= MIN_OUTSIDE_LETTERS ? ranges : [];
}

function doubleQuoted(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  DOUBLE_OPENER.lastIndex = 0;
  for (let m = DOUBLE_OPENER.exec(text); m !== null; m = DOUBLE_OPENER.exec(text)) {
    const close = text.indexOf(CLOSERS[m[0]] ?? '"', m.index + 1);
    if (close < 0) break;
    if (close > m.index + 1) ranges.push({ start: m.index + 1, end: close });
    DOUBLE_OPENER.lastIndex = close + 1;
  }
  return ranges;
}

/** 'quoted words' and ‘quoted words’: a mark that opens before a word and closes after one, not an apostrophe (I'm). */
function singleQuoted(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let open = -1;
  SINGLE_MARK.lastIndex = 0;
  for (let m = SINGLE_MARK.exec(text); m !== null; m = SINGLE_MARK.exec(text)) {
    const i = m.index;
    const before = text.charAt(i - 1);
    const after = text.charAt(i + 1);
    if (open < 0) {
      if (m[0] !== '’' && !WORD_CHAR.test(before) && WORD_CHAR.test(after)) open = i;
    } else if (m[0] !== '‘' && !WORD_CHAR.test(after) && !SPACE.test(before)) {
      ranges.push({ start: open + 1, end: i });
      open = -1;
    }
  }
  return ranges;
}
