import type { Detector, DetectedSpan } from './detector.js';
import fillerWords from '../lexicon/plate-filler.json' with { type: 'json' };
import notPlatePrefix from '../lexicon/not-plate-prefix.json' with { type: 'json' };
import plateContext from '../lexicon/plate-context.json' with { type: 'json' };
import regionCode from '../lexicon/region-code.json' with { type: 'json' };
import regionName from '../lexicon/region-name.json' with { type: 'json' };
import vehicleColour from '../lexicon/vehicle-colour.json' with { type: 'json' };
import vehicleModel from '../lexicon/vehicle-model.json' with { type: 'json' };
import vehicleTrim from '../lexicon/vehicle-trim.json' with { type: 'json' };
import vehicleType from '../lexicon/vehicle-type.json' with { type: 'json' };
import { compileWords, type Lexicon } from '../lexicon/lexicon.js';

const PLATE_WORD = compileWords(plateContext);
const VEHICLE_TYPE = compileWords(vehicleType);
// Makes and models are proper nouns; in lower case many are ordinary words ("soul", "ram").
const VEHICLE_MODEL = compileWords(vehicleModel, 'gu');

const lowerWords = (lexicon: Lexicon): Set<string> =>
  new Set([...lexicon.en, ...lexicon.es].flatMap((entry) => entry.toLowerCase().split(/[\s-]+/)));
const upperAlphanumerics = (lexicon: Lexicon): Set<string> =>
  new Set([...lexicon.en, ...lexicon.es].map((entry) => entry.toUpperCase().replace(/[^\dA-Z]/g, '')));

const FILLERS = lowerWords(fillerWords);
const COLOURS = lowerWords(vehicleColour);
const VEHICLE_WORDS = new Set([...lowerWords(vehicleType), ...lowerWords(vehicleModel), ...lowerWords(vehicleTrim)]);
const REGION_NAMES = lowerWords(regionName);
// State codes only in capitals: "IN", "OR", "ME" are words too.
const REGION_CODES = new Set([...regionCode.en, ...regionCode.es]);
/** Joined groups that name a model or trim, not a plate: "F-150", "CX-5", "2500HD", "XLT". */
const MODELS = new Set([...upperAlphanumerics(vehicleModel), ...upperAlphanumerics(vehicleTrim)]);
/** Groups that label some other number: "CP 06450", "APT 12", "SSN 912…". */
const NOT_PLATE = upperAlphanumerics(notPlatePrefix);

const MAX_PLATE_LENGTH = 8;
const CONTEXT_BEFORE = 48;
const CONTEXT_AFTER = 24;
const MAX_GAP_WORDS = 3;

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const BAD_BEFORE = /[\p{L}\p{N}_@$/.]/u;
/** Every plate has a capital next to a digit, at most one separator apart. */
const CAPITAL_BY_DIGIT = /[A-Z][- ]?\d|\d[- ]?[A-Z]/g;
/** Groups that are other things: an ordinal ("3RD"), a time ("7PM"). */
const NOT_PLATE_GROUP = /^(?:\d+(?:ST|ND|RD|TH)|\d{1,2}(?:AM|PM))$/;
const DIRECTION = /^(?:[NSEW]|NE|NW|SE|SW)$/;
const MODEL_YEAR = /^(?:19[5-9]\d|20[0-3]\d)$/;
const GAP_WORD = /[\p{L}\p{N}]+/gu;
// "no." and "núm." end an abbreviation, not a sentence.
const ABBREVIATION_DOT = /(?<!\p{L})(?:no|n[uú]m|nr|lic)\./giu;
const SENTENCE_BREAK = /[.!?\n]/;

interface Group {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly letters: number;
  readonly digits: number;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
}

function isCapitalized(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

const isLabelGapWord = (word: string): boolean =>
  FILLERS.has(word.toLowerCase()) || REGION_CODES.has(word) || REGION_NAMES.has(word.toLowerCase());

// Between a vehicle and its plate: colours, more of the make and model, the state.
const isVehicleGapWord = (word: string): boolean =>
  isLabelGapWord(word) || COLOURS.has(word.toLowerCase()) || VEHICLE_WORDS.has(word.toLowerCase()) || isCapitalized(word);

/** True when `gap` holds only separators and at most a few words that `allowed` accepts. */
function isGap(gap: string, allowed: (word: string) => boolean): boolean {
  if (SENTENCE_BREAK.test(gap.replace(ABBREVIATION_DOT, ' '))) return false;
  const words = gap.match(GAP_WORD) ?? [];
  return words.length <= MAX_GAP_WORDS && words.every(allowed);
}

/** End of the last match of a global `pattern` in `s`, or -1. */
function lastEnd(pattern: RegExp, s: string): number {
  let end = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s); m !== null; m = pattern.exec(s)) end = m.index + m[0].length;
  return end;
}

/** Start of the first match of a global `pattern` in `s`, or -1. */
function firstStart(pattern: RegExp, s: string): number {
  pattern.lastIndex = 0;
  const m = pattern.exec(s);
  pattern.lastIndex = 0;
  return m === null ? -1 : m.index;
}

interface PlateContext {
  readonly confidence: number;
  readonly rule: string;
}

const LABEL_BEFORE: PlateContext = { confidence: 0.9, rule: 'license-plate.labelled' };
const LABEL_AFTER: PlateContext = { confidence: 0.85, rule: 'license-plate.labelled' };
const VEHICLE_BEFORE: PlateContext = { confidence: 0.75, rule: 'license-plate.vehicle' };

/**
 * The plate or vehicle context of a candidate: a plate word just before ("plate", "placas TX")
 * or just after ("… is her plate"), or a vehicle just before ("minivan 7HJK221"); a vehicle
 * alone only backs a `strongShape`.
 */
function plateContextOf(text: string, c: Candidate, strongShape: boolean): PlateContext | undefined {
  const before = text.slice(Math.max(0, c.start - CONTEXT_BEFORE), c.start);
  const label = lastEnd(PLATE_WORD, before);
  if (label >= 0 && isGap(before.slice(label), isLabelGapWord)) return LABEL_BEFORE;
  const vehicle = Math.max(lastEnd(VEHICLE_TYPE, before), lastEnd(VEHICLE_MODEL, before));
  if (strongShape && vehicle >= 0 && isGap(before.slice(vehicle), isVehicleGapWord)) return VEHICLE_BEFORE;
  const after = text.slice(c.end, c.end + CONTEXT_AFTER);
  const next = firstStart(PLATE_WORD, after);
  if (next >= 0 && isGap(after.slice(0, next), isLabelGapWord)) return LABEL_AFTER;
  return undefined;
}

/**
 * Whether joined groups look like a plate: 5–8 characters, 1–4 letters and at least 2 digits,
 * letter-only groups of at most 3 and digit-only groups of at most 5 ("KLM-4821", "3V 88172",
 * "7XKT392", "MXK-902-C"). `strong` is for a plate known only from a vehicle nearby: at least 2
 * letters, and neither a state code with digits (a ZIP: "Tucson AZ 85730") nor a model year.
 */
function plateShape(groups: readonly Group[]): { plate: boolean; strong: boolean } {
  let letters = 0;
  let digits = 0;
  for (const g of groups) {
    letters += g.letters;
    digits += g.digits;
  }
  const length = letters + digits;
  const [first, second] = groups;
  if (first === undefined || length < 5 || length > MAX_PLATE_LENGTH || letters < 1 || letters > 4 || digits < 2) {
    return { plate: false, strong: false };
  }
  // "4412 NW …" is a house number and a street direction.
  const houseNumber = first.letters === 0 && DIRECTION.test(second?.value ?? '');
  const plate =
    !houseNumber &&
    groups.every(
      (g) => !NOT_PLATE_GROUP.test(g.value) && !(g.digits === 0 && g.letters > 3) && !(g.letters === 0 && g.digits > 5),
    );
  const stateAndNumber = REGION_CODES.has(first.value) && groups.slice(1).every((g) => g.letters === 0);
  const modelYear = groups.some((g) => MODEL_YEAR.test(g.value));
  return { plate, strong: plate && letters >= 2 && !stateAndNumber && !modelYear };
}

/** Marks the groups that belong to a model name ("F", "150" of "F-150") or label another number. */
function excludedGroups(groups: readonly Group[]): boolean[] {
  const excluded = groups.map((g) => NOT_PLATE.has(g.value) || MODELS.has(g.value));
  for (let i = 0; i < groups.length; i++) {
    let joined = groups[i]?.value ?? '';
    for (let j = i + 1; j < Math.min(groups.length, i + 3); j++) {
      joined += groups[j]?.value ?? '';
      if (MODELS.has(joined)) excluded.fill(true, i, j + 1);
    }
  }
  return excluded;
}

/** The longest plate starting at group `s`, with its confidence; undefined when there is none. */
function plateAt(text: string, groups: readonly Group[], excluded: readonly boolean[], s: number): DetectedSpan | undefined {
  let e = s;
  let length = 0;
  for (let g = groups[e]; g !== undefined && excluded[e] === false; g = groups[++e]) {
    length += g.letters + g.digits;
    if (length > MAX_PLATE_LENGTH) break;
  }
  for (; e > s; e--) {
    const part = groups.slice(s, e);
    const shape = plateShape(part);
    if (!shape.plate) continue;
    const start = part[0]?.start ?? 0;
    const end = part[part.length - 1]?.end ?? 0;
    const context = plateContextOf(text, { start, end }, shape.strong);
    if (context === undefined) continue;
    const canonical = part.map((g) => g.value).join('');
    return { type: 'license_plate', start, end, ...context, canonical };
  }
  return undefined;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isCapital = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isRunChar = (c: number): boolean => isDigit(c) || isCapital(c);
const isSeparator = (c: number): boolean => c === 0x20 || c === 0x2d;

/**
 * The groups of capitals and digits around `at`, joined by single spaces or dashes ("IL 3V 88172",
 * "MXK-902-C"), dropping a first or last group that is part of a longer word; `end` = where the
 * whole run ends.
 */
function groupsAround(text: string, at: number): { groups: Group[]; end: number } {
  let start = at;
  for (;;) {
    if (isRunChar(text.charCodeAt(start - 1))) start--;
    else if (isSeparator(text.charCodeAt(start - 1)) && isRunChar(text.charCodeAt(start - 2))) start -= 2;
    else break;
  }
  const groups: Group[] = [];
  let i = start;
  while (i < text.length) {
    const groupStart = i;
    let letters = 0;
    let digits = 0;
    for (let c = text.charCodeAt(i); isRunChar(c); c = text.charCodeAt(++i)) {
      if (isDigit(c)) digits++;
      else letters++;
    }
    groups.push({ start: groupStart, end: i, value: text.slice(groupStart, i), letters, digits });
    if (!isSeparator(text.charCodeAt(i)) || !isRunChar(text.charCodeAt(i + 1))) break;
    i++;
  }
  const first = groups[0];
  if (first !== undefined && BAD_BEFORE.test(text.charAt(first.start - 1))) groups.shift();
  const last = groups[groups.length - 1];
  if (last !== undefined && WORD_CHAR.test(text.charAt(last.end))) groups.pop();
  return { groups, end: i };
}

function platesInRun(text: string, groups: readonly Group[]): DetectedSpan[] {
  const excluded = excludedGroups(groups);
  const found: DetectedSpan[] = [];
  let s = 0;
  while (s < groups.length) {
    // A state code before a plate is the state, not part of it ("TX HGT-7710").
    const stateFirst = REGION_CODES.has(groups[s]?.value ?? '');
    const plate = (stateFirst ? plateAt(text, groups, excluded, s + 1) : undefined) ?? plateAt(text, groups, excluded, s);
    if (plate === undefined) {
      s++;
      continue;
    }
    found.push(plate);
    while (s < groups.length && (groups[s]?.start ?? 0) < plate.end) s++;
  }
  return found;
}

/**
 * Licence plates: US and Mexican plate patterns, only with plate or vehicle context nearby
 * ("IL plate 3V 88172", "placas TX HGT-7710", "maroon minivan 7HJK221"). The span is the plate
 * alone, without a state before it; canonical = capitals and digits without separators.
 */
export const licensePlateDetector: Detector = {
  id: 'license-plate',
  types: ['license_plate'],
  detect({ text }) {
    const found: DetectedSpan[] = [];
    let done = 0;
    CAPITAL_BY_DIGIT.lastIndex = 0;
    for (let m = CAPITAL_BY_DIGIT.exec(text); m !== null; m = CAPITAL_BY_DIGIT.exec(text)) {
      if (m.index < done) continue;
      const run = groupsAround(text, m.index);
      done = run.end;
      found.push(...platesInRun(text, run.groups));
      CAPITAL_BY_DIGIT.lastIndex = Math.max(CAPITAL_BY_DIGIT.lastIndex, done);
    }
    return found;
  },
};
