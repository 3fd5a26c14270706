import words from '../lexicon/email-obfuscation-words.json' with { type: 'json' };
import { MappedTextBuilder, type MappedText } from './mapped-text.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const AT_WORDS = [...words.at.en, ...words.at.es].map(escape).join('|');
const DOT_WORDS = new Set([...words.dot.en, ...words.dot.es]);
const DOT_ALTERNATION = [...DOT_WORDS].map(escape).join('|');
const MAIL_PROVIDERS = new Set(words.mailProviders);
const BARE_ARROBA = new Set(words.at.es);

/** A bracketed "at" ("[at]", "(arroba)", "{@}"), a bare "@", or "at"/"arroba" as a word of its own. */
const AT_MARKER = new RegExp(
  `[[({<][ \\t]{0,2}(?:${AT_WORDS}|@)[ \\t]{0,2}[\\])}>]|@|(?<![\\p{L}\\p{N}])(?:${AT_WORDS})(?![\\p{L}\\p{N}])`,
  'giu',
);
/** An "@" or an at-word anywhere: the cheap test before the real scan. */
const AT_HINT = new RegExp(`@|\\b(?:${AT_WORDS})\\b`, 'i');
/** Sticky: a dot marker of a domain ("[dot]", "(.)", " punto ", " . ", "."). */
const DOT_MARKER = new RegExp(
  `[ \\t]{0,2}[[({<][ \\t]{0,2}(?:${DOT_ALTERNATION}|\\.)[ \\t]{0,2}[\\])}>][ \\t]{0,2}|[ \\t]{1,2}(?:${DOT_ALTERNATION})[ \\t]{1,2}|[ \\t]{1,2}\\.[ \\t]{1,2}|\\.`,
  'iy',
);
const LABEL = /[A-Z0-9-]{1,63}/iy;
const TOP_LEVEL = /^[A-Z]{2,24}$/i;
const LOCAL_CHAR = /[\w.%+-]/;
const OPENERS = '[({<';
const CLOSERS = '])}>';
const LONGEST_LOCAL = 64;
const LONGEST_DOMAIN = 255;
const LONGEST_GAP = 3;
/** "( punto )": the longest bracketed dot marker, brackets included. */
const LONGEST_BRACKETED_DOT = 11;

/**
 * A run of single characters spaced out ("l i s a 7 2 @ g m a i l . c o m"). Each repetition
 * takes exactly two characters, so the run is matched in one linear sweep.
 */
const SPACED_RUN = /(?<!\S)(?:[\w.%+@-] )+[\w.%+@-](?=[\s.,;:!?)\]]|$)/g;
const PLAIN_ADDRESS = /^[\w.%+-]+@[\w-]+(?:\.[\w-]+)+$/;

type Span = readonly [number, number];

/**
 * Folds obfuscated e-mail addresses into plain ones: "bharlan55 [at] gmail [dot] com",
 * "r.ostrowski(at)hotmail(dot)com", "s.lomeli arroba yahoo punto com", "name @ gmail . com",
 * and spaced-out letters. A bare "at" counts only when the domain after it is written with a
 * dot marker ("protonmail dot com") or is a known mail provider ("at gmail.com"), so prose such
 * as "look at google.com" stays. Each marker maps back to the whole stretch it replaced.
 */
export function foldEmailObfuscation(source: MappedText): MappedText {
  return foldAtMarkers(joinSpacedAddresses(source));
}

function joinSpacedAddresses(source: MappedText): MappedText {
  const text = source.text;
  if (!text.includes('@')) return source;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  SPACED_RUN.lastIndex = 0;
  for (let m = SPACED_RUN.exec(text); m !== null; m = SPACED_RUN.exec(text)) {
    if (!PLAIN_ADDRESS.test(m[0].replaceAll(' ', ''))) continue;
    builder ??= new MappedTextBuilder(source);
    builder.copy(last, m.index);
    for (let i = m.index; i < m.index + m[0].length; i += 2) builder.copy(i, i + 1);
    last = m.index + m[0].length;
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

function foldAtMarkers(source: MappedText): MappedText {
  const text = source.text;
  if (!AT_HINT.test(text)) return source;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  AT_MARKER.lastIndex = 0;
  for (let m = AT_MARKER.exec(text); m !== null; m = AT_MARKER.exec(text)) {
    const marker = m[0];
    const bare = marker !== '@' && !OPENERS.includes(marker.charAt(0));
    const localEnd = skipSpaces(text, m.index, -1, last);
    const domainStart = skipSpaces(text, m.index + marker.length, 1, text.length);
    const spacedBefore = localEnd < m.index;
    const spacedAfter = domainStart > m.index + marker.length;
    if (bare && !(spacedBefore && spacedAfter)) continue;
    // "@" after a space is a mention ("hi @ana.lopez") unless it is spaced on both sides.
    if (marker === '@' && spacedBefore && !spacedAfter) continue;
    const local = readLocal(text, localEnd, last);
    const domain = local === undefined ? undefined : readDomain(text, domainStart);
    if (local === undefined || domain === undefined) continue;
    const plainDots = [...local.dots, ...domain.dots].every(([from, to]) => to - from === 1);
    if (bare && !BARE_ARROBA.has(marker.toLowerCase()) && plainDots && !domain.provider) continue;
    if (marker === '@' && !spacedBefore && !spacedAfter && plainDots) continue;

    builder ??= new MappedTextBuilder(source);
    builder.copy(last, local.start);
    emitWithDots(builder, local.start, localEnd, local.dots);
    builder.replace(localEnd, domainStart, '@');
    emitWithDots(builder, domainStart, domain.end, domain.dots);
    last = domain.end;
    AT_MARKER.lastIndex = domain.end;
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

function emitWithDots(builder: MappedTextBuilder, from: number, to: number, dots: readonly Span[]): void {
  let position = from;
  for (const [start, end] of dots) {
    builder.copy(position, start);
    builder.replace(start, end, '.');
    position = end;
  }
  builder.copy(position, to);
}

/** Moves from `i` over at most a few spaces or tabs, towards `limit`. */
function skipSpaces(text: string, i: number, step: 1 | -1, limit: number): number {
  let j = i;
  for (let n = 0; n < LONGEST_GAP; n++) {
    const at = step === 1 ? j : j - 1;
    if (step === 1 ? j >= limit : j <= limit) break;
    const ch = text.charAt(at);
    if (ch !== ' ' && ch !== '\t') break;
    j += step;
  }
  return j;
}

/** The local part ending at `end`, read backwards, with any dot markers inside it. */
function readLocal(text: string, end: number, floor: number): { start: number; dots: Span[] } | undefined {
  let start = end;
  const dots: Span[] = [];
  for (;;) {
    let k = start;
    while (k > floor && end - k < LONGEST_LOCAL && LOCAL_CHAR.test(text.charAt(k - 1))) k--;
    if (k === start) {
      // A dot marker with nothing before it belongs to the prose, not the address.
      const dangling = dots.pop();
      if (dangling !== undefined) start = dangling[1];
      break;
    }
    start = k;
    const marker = dotMarkerBefore(text, start, floor);
    if (marker === undefined) break;
    dots.push([marker, start]);
    start = marker;
  }
  while (start < end && (text.charAt(start) === '.' || text.charAt(start) === '-')) start++;
  if (start === end) return undefined;
  return { start, dots: dots.filter(([from]) => from >= start).reverse() };
}

/** Start of an obfuscated dot marker ending at `end` ("[dot]", " dot "), if there is one. */
function dotMarkerBefore(text: string, end: number, floor: number): number | undefined {
  const close = skipSpaces(text, end, -1, floor);
  if (close > floor && CLOSERS.includes(text.charAt(close - 1))) {
    const opener = OPENERS.charAt(CLOSERS.indexOf(text.charAt(close - 1)));
    let open = close - 2;
    while (open >= floor && close - open <= LONGEST_BRACKETED_DOT && text.charAt(open) !== opener) open--;
    if (open >= floor && text.charAt(open) === opener) {
      const inner = text.slice(open + 1, close - 1).trim().toLowerCase();
      if (inner === '.' || DOT_WORDS.has(inner)) return skipSpaces(text, open, -1, floor);
    }
  }
  for (const word of DOT_WORDS) {
    const from = end - word.length - 2;
    if (from < floor) continue;
    const candidate = text.slice(from, end);
    if (candidate.charAt(0) === ' ' && candidate.at(-1) === ' ' && candidate.slice(1, -1).toLowerCase() === word) {
      return from;
    }
  }
  return undefined;
}

interface Domain {
  readonly end: number;
  readonly dots: Span[];
  /** The first label is a known mail provider. */
  readonly provider: boolean;
}

/** Labels joined by dot markers, ending in a top-level domain. */
function readDomain(text: string, from: number): Domain | undefined {
  LABEL.lastIndex = from;
  const first = LABEL.exec(text);
  if (first === null || DOT_WORDS.has(first[0].toLowerCase())) return undefined;
  const dots: Span[] = [];
  let position = from + first[0].length;
  let best: { end: number; dotCount: number } | undefined;
  while (position - from < LONGEST_DOMAIN) {
    DOT_MARKER.lastIndex = position;
    const dot = DOT_MARKER.exec(text);
    if (dot === null) break;
    LABEL.lastIndex = position + dot[0].length;
    const label = LABEL.exec(text);
    if (label === null || DOT_WORDS.has(label[0].toLowerCase())) break;
    dots.push([position, position + dot[0].length]);
    position = label.index + label[0].length;
    if (TOP_LEVEL.test(label[0])) {
      best = { end: position, dotCount: dots.length };
    }
  }
  if (best === undefined) return undefined;
  return {
    end: best.end,
    dots: dots.slice(0, best.dotCount),
    provider: MAIL_PROVIDERS.has(first[0].toLowerCase()),
  };
}
