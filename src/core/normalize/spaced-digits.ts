import { MappedTextBuilder, type MappedText } from './mapped-text.js';

/** Two digits with a short gap of neither letters nor digits: the cheap test before the scan. */
const DIGITS_APART = /\d[^\n\dA-Z]{1,6}\d/i;
const LETTER = /\p{L}/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}/u;
/** Punctuation that groups digits and stays: "7 7 3 . 5 5 5" → "773.555". */
const KEPT_MARKS = '.-/\u2013\u2014';
/** Punctuation that only pads digits apart and goes: "7, 7_3" → "773". */
const DROPPED_MARKS = ',_*|~\u00B7\u2022';
const LONGEST_GAP = 6;
const SHORTEST_RUN = 3;
/** Digits split one by one by marks: as long as a phone number, so versions and dates stay. */
const SHORTEST_MARKED_RUN = 7;

/** What lies between two digits of a run. */
interface Gap {
  /** Index of the one punctuation mark kept in the output, or -1. */
  readonly mark: number;
  /** True when the gap holds something to remove (space, emoji, padding mark). */
  readonly loose: boolean;
}

/**
 * Collapses runs of single digits spread out by spaces, emoji or padding so a filter would miss
 * them: "7 7 3 . 5 5 5 . 0 1 6 9" → "773.555.0169", "TX 7 7 3 8 0" → "TX 77380". A run needs at
 * least three single digits (each with no letter or digit beside it), so "3 - 1" and "2 3" stay.
 * One grouping mark per gap (dot, dash, slash) is kept; everything else in the gap is dropped.
 * When a mark follows every digit it groups nothing and goes too ("7.7.3.5.5.5.0.1.6.9" →
 * "7735550169"), for runs of seven digits or more, so "1.2.3" and "3-1-2" stay.
 */
export function collapseSpacedDigits(source: MappedText): MappedText {
  const text = source.text;
  if (!DIGITS_APART.test(text)) return source;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (!isSingleDigit(text, i)) {
      i++;
      continue;
    }
    const digits = [i];
    const gaps: Gap[] = [];
    let next = i + 1;
    for (;;) {
      const gap = readGap(text, next);
      if (gap === undefined || !isSingleDigit(text, gap.end)) break;
      gaps.push(gap);
      digits.push(gap.end);
      next = gap.end + 1;
    }
    // A mark after every digit separates digits, not groups: "7-7-3-5-5-5-0-1-6-9".
    const markEveryDigit = gaps.every((g) => g.mark >= 0);
    const collapses = markEveryDigit
      ? digits.length >= SHORTEST_MARKED_RUN
      : digits.length >= SHORTEST_RUN && gaps.some((g) => g.loose);
    if (collapses) {
      builder ??= new MappedTextBuilder(source);
      builder.copy(last, i);
      for (const [k, d] of digits.entries()) {
        builder.copy(d, d + 1);
        const mark = gaps[k]?.mark ?? -1;
        if (mark >= 0 && !markEveryDigit) builder.copy(mark, mark + 1);
      }
      last = next;
    }
    i = next;
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function isAlphanumericAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(text.charAt(i));
}

function isSingleDigit(text: string, i: number): boolean {
  return isDigitAt(text, i) && !isAlphanumericAt(text, i - 1) && !isAlphanumericAt(text, i + 1);
}

function readGap(text: string, from: number): (Gap & { readonly end: number }) | undefined {
  let mark = -1;
  let marks = 0;
  let loose = false;
  let spaced = false;
  let i = from;
  while (i < text.length && i - from < LONGEST_GAP) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t') {
      loose = true;
      spaced = true;
      i++;
    } else if (KEPT_MARKS.includes(ch) || DROPPED_MARKS.includes(ch)) {
      if (marks > 0) break;
      marks++;
      if (KEPT_MARKS.includes(ch)) mark = i;
      else loose = true;
      i++;
    } else {
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      if (codePoint < 0x80 || !EMOJI.test(char)) break;
      loose = true;
      spaced = true;
      i += char.length;
    }
  }
  // A lone comma between digits is a decimal comma ("3,4-5"), not padding.
  if (i === from || (marks > 0 && !spaced && text.charAt(i - 1) === ',')) return undefined;
  return { mark, loose, end: i };
}
