import type { Detector, DetectedSpan } from './detector.js';
import birthContext from '../lexicon/birth-context.json' with { type: 'json' };
import birthDateGap from '../lexicon/birth-date-gap.json' with { type: 'json' };
import monthNames from '../lexicon/month-names.json' with { type: 'json' };
import { compileWords } from '../lexicon/lexicon.js';
import { isCalendarDay, isoDate } from './calendar.js';
import { compileHint } from './lexicon-hint.js';

const BIRTH = compileWords(birthContext);
const BIRTH_HINT = compileHint(birthContext);
const SPANISH_CUES = new Set(birthContext.es.map((cue) => cue.toLowerCase()));
const SPACES = /\s+/g;

/** Month names and their abbreviations ("jul", "sept", Spanish "setiembre") → month number. */
const MONTHS = new Map<string, number>();
for (const names of [monthNames.en, monthNames.es]) {
  names.forEach((name, i) => {
    MONTHS.set(name, i + 1);
    MONTHS.set(name.slice(0, 3), i + 1);
  });
}
MONTHS.set('sept', 9);
MONTHS.set('setiembre', 9);
MONTHS.set('set', 9);
const MONTH = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

const END = String.raw`(?![\p{L}\p{N}]|[-./]\p{N})`;
/** 07/22/1998, 3/9/81, 22.07.1998 (day/month order decided later). */
const NUMERIC = new RegExp(String.raw`(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})${END}`, 'uy');
/** 1998-07-22, 1998/7/22. */
const YEAR_FIRST = new RegExp(String.raw`(\d{4})([-./])(\d{1,2})\2(\d{1,2})${END}`, 'uy');
/** The year after a named month: 1998, or two digits after "del" or an apostrophe ("del 79", "'98"). */
const NAMED_MONTH_YEAR = String.raw`(?:(?:,\s?|\s|\sdel?\s|-)(\d{4})|(?:\sdel?\s|\s?')(\d{2}))?`;
/** July 22, 1998 · Jul. 22nd 1998 · marzo 30 de 1995 · July 22. */
const MONTH_FIRST = new RegExp(
  String.raw`(${MONTH})\.?\s(\d{1,2})(?:st|nd|rd|th)?${NAMED_MONTH_YEAR}${END}`,
  'iuy',
);
/** 22 July 1998 · 22nd of July, 1998 · 30 de marzo de 1995 · 23 de julio del 2002 · 22-Jul-1998. */
const DAY_FIRST = new RegExp(
  String.raw`(\d{1,2})(?:st|nd|rd|th|ro|º|°)?(?:\s(?:de|of)\s|\s|-)(${MONTH})\.?${NAMED_MONTH_YEAR}${END}`,
  'iuy',
);
const GAP_SEPARATORS = /[\s:=,\-–—(]*/y;
const GAP_WORD = /\p{L}+/uy;
/**
 * Between the cue and the date: a few function words and names ("born on the", "nació el",
 * "born in Chicago, IL on"), not other words ("born to run tour 07/22/2023").
 */
const GAP_WORDS = new Set([...birthDateGap.en, ...birthDateGap.es]);
const MAX_GAP_WORDS = 4;
const DIGIT = /\d/;

interface ParsedDate {
  readonly length: number;
  /** Full year; absent when the date has none or only two digits of it. */
  readonly year?: number;
  readonly month: number;
  readonly day: number;
  /** Day and month only ("July 22"). */
  readonly yearless: boolean;
}

function isCapitalized(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Full-year dates count from 1900 to 2099; a two-digit year stays unknown. */
function fullYear(digits: string): number | undefined {
  const year = Number(digits);
  return digits.length === 4 && year >= 1900 && year <= 2099 ? year : undefined;
}

/**
 * A numeric day/month/year. When both orders are possible, dots mean day first, and so does a
 * Spanish cue ("nació el 09/10/1990"); an English one means month first ("DOB 3/9/1981").
 */
function numericDate(m: RegExpExecArray, dayFirstByDefault: boolean): ParsedDate | undefined {
  const [whole, a = '', separator, b = '', yearDigits = ''] = m;
  const first = Number(a);
  const second = Number(b);
  const year = fullYear(yearDigits);
  if (yearDigits.length === 4 && year === undefined) return undefined;
  const dayFirst = first > 12 || (second <= 12 && (separator === '.' || dayFirstByDefault));
  const [day, month] = dayFirst ? [first, second] : [second, first];
  if (!isCalendarDay(month, day, year)) return undefined;
  return { length: whole.length, month, day, yearless: false, ...(year === undefined ? {} : { year }) };
}

function namedMonthDate(
  whole: string,
  monthName: string,
  dayDigits: string,
  fullYearDigits: string | undefined,
  shortYearDigits: string | undefined,
): ParsedDate | undefined {
  const month = MONTHS.get(monthName.toLowerCase()) ?? 0;
  const day = Number(dayDigits);
  const year = fullYearDigits === undefined ? undefined : fullYear(fullYearDigits);
  if ((fullYearDigits !== undefined && year === undefined) || !isCalendarDay(month, day, year)) return undefined;
  const yearless = fullYearDigits === undefined && shortYearDigits === undefined;
  return { length: whole.length, month, day, yearless, ...(year === undefined ? {} : { year }) };
}

function dateAt(text: string, at: number, dayFirstByDefault: boolean): ParsedDate | undefined {
  if (!DIGIT.test(text.slice(at, at + 12))) return undefined;
  const yearFirst = sticky(YEAR_FIRST, text, at);
  if (yearFirst !== null) {
    const [whole, yearDigits = '', , month = '', day = ''] = yearFirst;
    const year = fullYear(yearDigits);
    if (year === undefined || !isCalendarDay(Number(month), Number(day), year)) return undefined;
    return { length: whole.length, year, month: Number(month), day: Number(day), yearless: false };
  }
  const numeric = sticky(NUMERIC, text, at);
  if (numeric !== null) return numericDate(numeric, dayFirstByDefault);
  const monthFirst = sticky(MONTH_FIRST, text, at);
  if (monthFirst !== null) {
    const [whole, month = '', day = '', year, shortYear] = monthFirst;
    return namedMonthDate(whole, month, day, year, shortYear);
  }
  const dayFirst = sticky(DAY_FIRST, text, at);
  if (dayFirst !== null) {
    const [whole, day = '', month = '', year, shortYear] = dayFirst;
    return namedMonthDate(whole, month, day, year, shortYear);
  }
  return undefined;
}

/** The date that follows a birth cue within a few words, with its start; undefined when none. */
function dateAfterCue(text: string, from: number, dayFirstByDefault: boolean): { start: number; date: ParsedDate } | undefined {
  let at = from;
  for (let words = 0; ; words++) {
    at += sticky(GAP_SEPARATORS, text, at)?.[0].length ?? 0;
    const date = dateAt(text, at, dayFirstByDefault);
    if (date !== undefined) return { start: at, date };
    if (words === MAX_GAP_WORDS) return undefined;
    const word = sticky(GAP_WORD, text, at)?.[0];
    if (word === undefined || !(GAP_WORDS.has(word.toLowerCase()) || isCapitalized(word))) return undefined;
    at += word.length;
  }
}

/**
 * Dates presented as a date of birth: a date in any notation a few words after a birth cue
 * ("DOB 07/22/1998", "born on July 22, 1998", "nació el 30 de marzo de 1995"). Other dates are
 * not personal data. canonical = yyyy-mm-dd when the year is known.
 */
export const dateOfBirthDetector: Detector = {
  id: 'date-of-birth',
  types: ['date_of_birth'],
  detect({ text }) {
    if (!DIGIT.test(text) || !BIRTH_HINT.test(text)) return [];
    const found: DetectedSpan[] = [];
    for (const cue of text.matchAll(BIRTH)) {
      const spanish = SPANISH_CUES.has(cue[0].toLowerCase().replace(SPACES, ' '));
      const hit = dateAfterCue(text, cue.index + cue[0].length, spanish);
      if (hit === undefined || found.some((f) => f.start === hit.start)) continue;
      const { start, date } = hit;
      found.push({
        type: 'date_of_birth',
        start,
        end: start + date.length,
        confidence: date.yearless ? 0.6 : 0.9,
        rule: date.yearless ? 'date-of-birth.day-month' : 'date-of-birth.date',
        ...(date.year === undefined ? {} : { canonical: isoDate(date.year, date.month, date.day) }),
      });
    }
    return found;
  },
};
