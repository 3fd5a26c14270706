import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { DetectedSpan, Detector } from './detector.js';
import { originalSpan, type NormalizedText } from '../normalize/normalize.js';
import { compileWords } from '../lexicon/lexicon.js';
import { isCardNumber } from './credit-card.js';
import { firstWordStart, lastWordEnd } from './nearest-word.js';
import phoneContext from '../lexicon/phone-context.json' with { type: 'json' };
import numberReferenceContext from '../lexicon/number-reference-context.json' with { type: 'json' };
import currency from '../lexicon/currency.json' with { type: 'json' };

/**
 * Phone numbers. One linear pass finds runs of digit groups joined by phone-like separators;
 * each run is then cut into numbers by trying windows of whole groups and validating the
 * plausible ones with libphonenumber (US, MX and ES as home regions, any `+` or `00` number).
 * libphonenumber's own findNumbers is far slower and is not used.
 */

/**
 * A run of digit groups: an optional `+`/`(` prefix, then groups of digits (with parentheses)
 * joined by up to three separator characters (space, dot, dash, comma).
 */
const DIGIT_RUN = /(?<![\p{L}\p{N}_])\(?(?:\+ ?)?\(?\d[\d()]*(?:[ \u00A0.,-]{1,3}\(?\d[\d()]*)*/gu;
/** Every phone number has two adjacent digits somewhere: the cheap exit for most posts. */
const TWO_DIGITS = /\d\d/;
/** A digit group; a closing parenthesis ends one (`(579)888-3058`). */
const GROUP = /[(+]{0,3}\d+\)?/g;
const NON_DIGITS = /\D/g;
const TIGHT_SEPARATOR = /^[.-]$/;

const PHONE_WORDS = compileWords(phoneContext);
const REFERENCE_WORDS = compileWords(numberReferenceContext);
const CURRENCY_WORDS = compileWords(currency);
const FAX_WORD = compileWords({ en: ['fax'], es: ['fax'] });
const CONTEXT_BEFORE = 32;
const CURRENCY_AFTER = 12;
const FAX_AFTER = 6;
const CURRENCY_SIGN = /[$€£¥]/;
const NUMBER_SIGN = /[#№]/;
const OPENING = /^[+(]/;
const LEADING_PLUS = /^\(?\+/;

const MAX_DIGITS = 15;
const TRUNK_ZERO = /\(0\)/g;

/**
 * How national numbers are written in the home regions, by digit-group lengths, with the regions
 * that write them so (most likely first). A run of digits grouped any other way (2-7-2, 4-2-4,
 * 3-2-4 …) is an id, a date or a count, even when its digits happen to form a valid number.
 * A single group is an unformatted number; it needs a phone label nearby.
 */
const NATIONAL_GROUPINGS: ReadonlyMap<string, readonly CountryCode[]> = new Map<string, readonly CountryCode[]>([
  ['3-3-4', ['US', 'MX']],
  ['1-3-3-4', ['US']],
  ['2-4-4', ['MX']],
  ['2-8', ['MX']],
  ['2-2-2-2-2', ['MX']],
  ['3-3-2-2', ['MX']],
  ['3-3-3', ['ES']],
  ['3-2-2-2', ['ES']],
  ['2-3-2-2', ['ES']],
  ['3-6', ['ES']],
  ['10', ['US', 'MX']],
  ['11', ['US']],
  ['9', ['ES']],
]);

interface Group {
  readonly start: number;
  readonly end: number;
  /** The group as written, parentheses included. */
  readonly raw: string;
  readonly digits: string;
  /** Separator between this group and the previous one ('' for the first). */
  readonly before: string;
}

interface Candidate {
  readonly number: PhoneNumber;
  readonly rule: string;
  readonly valid: boolean;
}

/** Splits a run into its digit groups, with absolute offsets. */
function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let previousEnd = 0;
  GROUP.lastIndex = 0;
  for (let m = GROUP.exec(run); m !== null; m = GROUP.exec(run)) {
    const digits = m[0].replace(NON_DIGITS, '');
    const before = run.slice(previousEnd, m.index);
    previousEnd = m.index + m[0].length;
    if (digits === '') continue;
    // A lone `+` or `(+` separated by a space belongs to the next group.
    const start = groups.length === 0 && OPENING.test(run) ? 0 : m.index;
    groups.push({
      start: offset + start,
      end: offset + previousEnd,
      raw: m[0],
      digits,
      before: groups.length === 0 ? '' : before,
    });
  }
  return groups;
}

/** A separator made only of a dot or dash binds its neighbours into one number. */
const isTight = (separator: string): boolean => TIGHT_SEPARATOR.test(separator);

function separatorKind(separator: string): string {
  if (separator.includes(',')) return ',';
  if (separator.includes('-')) return '-';
  if (separator.includes('.')) return '.';
  return ' ';
}

/**
 * Whether a window of groups may be cut out of the longer run around it. A comma ends a number;
 * otherwise the number must be written differently from its neighbours (`TX 77380 773-555-0137`,
 * `60608 (773) 555-0148`), or, at its end, be grouped in three or more parts so its shape alone
 * marks where it stops (`55 4102 0187 24 hrs`). In `NASS 74 31416985 12` nothing marks a phone.
 */
function isDelimited(groups: readonly Group[], i: number, j: number): boolean {
  const first = groups[i];
  const next = groups[j + 1];
  if (first === undefined) return false;
  const inner = new Set(groups.slice(i + 1, j + 1).map((g) => separatorKind(g.before)));
  if (inner.size === 0) inner.add(' ');
  if (i > 0) {
    if (isTight(first.before)) return false;
    const kind = separatorKind(first.before);
    if (kind !== ',' && inner.has(kind) && !OPENING.test(first.raw)) return false;
  }
  if (next !== undefined) {
    if (isTight(next.before)) return false;
    const kind = separatorKind(next.before);
    if (kind !== ',' && inner.has(kind) && j - i < 2) return false;
  }
  return true;
}

/** The whole run reads as an IPv4 address (four dot-separated groups of 1–3 digits). */
function looksLikeIpAddress(groups: readonly Group[]): boolean {
  return groups.length === 4 && groups.every((g, i) => g.digits.length <= 3 && (i === 0 || g.before === '.'));
}

/** Separators that make a grouping read as a quantity rather than a phone number. */
function isQuantity(window: readonly Group[]): boolean {
  const separators = window.slice(1).map((g) => g.before.trim());
  if (separators.length === 0) return false;
  // Thousands: 123,456,789 or 1.250.000.000.
  if (separators.every((s) => s === ',' || s === '.') && window.slice(1).every((g) => g.digits.length === 3)) return true;
  // Decimal numbers in a list (coordinates, scores) mix dots and commas.
  return separators.some((s) => s.includes(',')) && separators.some((s) => s.includes('.'));
}

/**
 * Parses the digits dialled after `+` or the `00` international prefix (also both, `+0034…`).
 * Mexico's retired mobile `1` after +52 is dropped.
 */
function parseInternational(dialled: string): Candidate | undefined {
  const digits = dialled.startsWith('00') ? dialled.slice(2) : dialled;
  if (digits.length < 8 || digits.length > MAX_DIGITS) return undefined;
  let number = parsePhoneNumberFromString(`+${digits}`);
  if (number === undefined) return undefined;
  if (!number.isValid() && number.countryCallingCode === '52' && number.nationalNumber.length === 11 && number.nationalNumber.startsWith('1')) {
    number = parsePhoneNumberFromString(`+52${number.nationalNumber.slice(1)}`) ?? number;
  }
  return { number, rule: 'phone.international', valid: number.isValid() };
}

function parseNational(digits: string, regions: readonly CountryCode[]): Candidate | undefined {
  let possible: Candidate | undefined;
  for (const region of regions) {
    const number = parsePhoneNumberFromString(digits, region);
    if (number === undefined) continue;
    const candidate = { number, rule: `phone.national.${region}`, valid: number.isValid() };
    if (candidate.valid) return candidate;
    if (possible === undefined && number.isPossible()) possible = candidate;
  }
  return possible;
}

/** What to validate for a window of groups: digits and the regions to try (none: international). */
interface Reading {
  readonly digits: string;
  readonly regions?: readonly CountryCode[];
}

/** How a window of groups should be read, or undefined when its shape rules a phone out. Cheap: no parsing. */
function readingOf(window: readonly Group[], international: boolean): Reading | undefined {
  if (international) {
    // `+44 (0)20 …`: the bracketed trunk zero is dropped when dialling from abroad.
    return { digits: window.map((g) => g.raw.replace(TRUNK_ZERO, '')).join('').replace(NON_DIGITS, '') };
  }
  const digits = window.map((g) => g.digits).join('');
  if (digits.startsWith('00')) return { digits };
  const grouping = window.map((g) => g.digits.length).join('-');
  const regions = NATIONAL_GROUPINGS.get(grouping);
  if (regions === undefined || (grouping === '11' && !digits.startsWith('1'))) return undefined;
  return { digits, regions };
}

function parseReading(reading: Reading): Candidate | undefined {
  return reading.regions === undefined ? parseInternational(reading.digits) : parseNational(reading.digits, reading.regions);
}

/** The original text behind a span is longer than the span: its digits were written out or spread apart. */
function wasDisguised(input: NormalizedText, start: number, end: number): boolean {
  const original = originalSpan(input, start, end);
  return original.end - original.start > end - start;
}

/** Trims a closing parenthesis with no opening one, and the reverse, at the span edges. */
function balancedSpan(text: string, start: number, end: number): [number, number] {
  const span = text.slice(start, end);
  const opens = span.split('(').length - 1;
  const closes = span.split(')').length - 1;
  if (closes > opens && text[end - 1] === ')') return [start, end - 1];
  if (opens > closes && text[start] === '(') return [start + 1, end];
  return [start, end];
}

/** The character before `at`, skipping spaces. */
function previousVisible(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return i >= 0 ? (text[i] ?? '') : '';
}

interface Context {
  readonly suppressed: boolean;
  readonly labelled: boolean;
  readonly fax: boolean;
}

/** What the words around a number say it is. The nearer label wins. */
function contextOf(text: string, start: number, end: number): Context {
  const before = previousVisible(text, start);
  if (CURRENCY_SIGN.test(before) || NUMBER_SIGN.test(before)) return { suppressed: true, labelled: false, fax: false };
  const currencyAt = firstWordStart(CURRENCY_WORDS, text, end, end + CURRENCY_AFTER);
  if (currencyAt >= 0 && text.slice(end, currencyAt).trim() === '') return { suppressed: true, labelled: false, fax: false };
  const phoneAt = lastWordEnd(PHONE_WORDS, text, start - CONTEXT_BEFORE, start);
  const referenceAt = lastWordEnd(REFERENCE_WORDS, text, start - CONTEXT_BEFORE, start);
  const fax = firstWordStart(FAX_WORD, text, end, end + FAX_AFTER) >= 0;
  // `order number`: a reference phrase that ends where a phone word does wins the tie.
  return { suppressed: referenceAt >= 0 && referenceAt >= phoneAt, labelled: phoneAt > referenceAt, fax };
}

/** `shaped`: written the way phone numbers are (grouped, or disguised digit by digit). */
function confidenceOf(candidate: Candidate, context: Context, shaped: boolean): number {
  let confidence: number;
  if (!candidate.valid) confidence = 0.5;
  else if (candidate.rule === 'phone.international') confidence = context.labelled ? 0.95 : 0.9;
  else if (shaped) confidence = context.labelled ? 0.9 : 0.75;
  else confidence = 0.85;
  return context.fax ? Math.min(confidence, 0.4) : confidence;
}

/** Cuts one run into phone numbers: at each group, the longest valid window of whole groups. */
function phonesInRun(input: NormalizedText, runStart: number, run: string, found: DetectedSpan[]): void {
  const groups = groupsOf(run, runStart);
  const totalDigits = groups.reduce((n, g) => n + g.digits.length, 0);
  if (totalDigits < 9) return;
  if (looksLikeIpAddress(groups)) return;
  if (totalDigits >= 13 && totalDigits <= 19 && isCardNumber(groups.map((g) => g.digits).join(''))) return;
  const plus = LEADING_PLUS.test(run);

  let i = 0;
  while (i < groups.length) {
    const accepted = acceptWindowAt(input, groups, i, plus && i === 0);
    if (accepted === undefined) {
      i++;
      continue;
    }
    found.push(accepted.span);
    i = accepted.next;
  }
}

function acceptWindowAt(
  input: NormalizedText,
  groups: readonly Group[],
  i: number,
  international: boolean,
): { span: DetectedSpan; next: number } | undefined {
  const text = input.text;
  const first = groups[i];
  if (first === undefined) return undefined;
  // Window ends worth reading: any length for a dialled `+`/`00` number, else a national grouping.
  const dialled = international || first.digits.startsWith('00');
  const ends: number[] = [];
  let digits = 0;
  let grouping = '';
  for (let j = i; j < groups.length; j++) {
    const length = groups[j]?.digits.length ?? 0;
    digits += length;
    if (digits > MAX_DIGITS + 2) break;
    grouping = j === i ? String(length) : `${grouping}-${length}`;
    if (dialled || NATIONAL_GROUPINGS.has(grouping)) ends.push(j);
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const j = ends[k] ?? i;
    const window = groups.slice(i, j + 1);
    const reading = readingOf(window, international);
    if (reading === undefined || isQuantity(window) || !isDelimited(groups, i, j)) continue;
    // Everything that can rule the window out without parsing comes first: parsing is the costly step.
    const [start, end] = balancedSpan(text, first.start, window[window.length - 1]?.end ?? first.end);
    const context = contextOf(text, start, end);
    if (context.suppressed) continue;
    // Unlabelled, an invalid number or a bare national digit string is more often an id,
    // unless the digits were disguised (written as words, spaced out) to pass as something else.
    const shaped = window.length > 1 || wasDisguised(input, start, end);
    const bare = !shaped && reading.regions !== undefined;
    if (!context.labelled && bare) continue;
    const candidate = parseReading(reading);
    if (candidate === undefined) continue;
    if (!context.labelled && !candidate.valid) continue;
    return {
      span: {
        type: 'phone',
        start,
        end,
        confidence: confidenceOf(candidate, context, shaped),
        rule: candidate.valid ? candidate.rule : 'phone.possible',
        canonical: candidate.number.number,
      },
      next: j + 1,
    };
  }
  return undefined;
}

export const phoneDetector: Detector = {
  id: 'phone',
  types: ['phone'],
  detect(input: NormalizedText): DetectedSpan[] {
    const text = input.text;
    if (!TWO_DIGITS.test(text)) return [];
    const found: DetectedSpan[] = [];
    DIGIT_RUN.lastIndex = 0;
    for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
      phonesInRun(input, m.index, m[0], found);
    }
    return found;
  },
};
