import driverLicenceAbbrev from '../../lexicon/driver-licence-abbrev.json' with { type: 'json' };
import driverLicenceContext from '../../lexicon/driver-licence-context.json' with { type: 'json' };
import fillerWords from '../../lexicon/id-label-filler.json' with { type: 'json' };
import passportContext from '../../lexicon/passport-context.json' with { type: 'json' };
import regionCode from '../../lexicon/region-code.json' with { type: 'json' };
import regionName from '../../lexicon/region-name.json' with { type: 'json' };
import { compileWords } from '../../lexicon/lexicon.js';
import type { DetectedSpan } from '../detector.js';
import { compileHint } from '../lexicon-hint.js';
import { govIdSpan } from './id-span.js';

interface Label {
  readonly pattern: RegExp;
  readonly subtype: 'passport' | 'driver_license';
}

const LABELS: readonly Label[] = [
  { pattern: compileWords(passportContext), subtype: 'passport' },
  { pattern: compileWords(driverLicenceContext), subtype: 'driver_license' },
  // "DL" is only a licence in capitals ("dl" is "download").
  { pattern: compileWords(driverLicenceAbbrev, 'gu'), subtype: 'driver_license' },
];

const LABEL_HINT = compileHint(passportContext, driverLicenceContext, driverLicenceAbbrev);

/** Words that may stand between the label and the number: "number", "is", "de Texas" … */
const FILLER = new RegExp(compileWords(fillerWords).source, 'iuy');
const REGION_NAME = new RegExp(compileWords(regionName).source, 'iuy');
// State codes only in capitals: "IN", "OR", "ME" are words too.
const REGION_CODE = new RegExp(compileWords(regionCode).source, 'uy');
const SEPARATORS = /[\s:#=,.()\-–—]*/y;
/** Groups of capitals and digits, split by single dashes or spaces. */
const ID_GROUPS = /[A-Z0-9]+(?:[- ][A-Z0-9]+){0,5}(?![\p{L}\p{N}_])/uy;
const DIGIT = /\d/;
const DIGITS = /\d/g;
const GROUP_SEPARATOR = /[- ]/;
const SEPARATOR = /[- ]/g;
const MAX_STEPS = 4;

function stickyMatch(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/**
 * Length of the id at the start of `candidate`: its first group and the following groups that
 * carry a digit ("D412-7781-9903", not the "EXP" after it); 0 when that is no id. An id has 5–20
 * characters and at least 5 digits, or at least 8 characters mixing letters and 2+ digits
 * (licence formats such as "WDLABCD456").
 */
function idLength(candidate: string): number {
  const groups = candidate.split(GROUP_SEPARATOR);
  let length = 0;
  for (const [i, group] of groups.entries()) {
    if (i > 0 && !DIGIT.test(group)) break;
    length += (i > 0 ? 1 : 0) + group.length;
  }
  const id = candidate.slice(0, length);
  const characters = id.length - (id.match(SEPARATOR)?.length ?? 0);
  const digits = id.match(DIGITS)?.length ?? 0;
  const letters = characters - digits;
  const isId = characters >= 5 && characters <= 20 && (digits >= 5 || (characters >= 8 && digits >= 2 && letters > 0));
  return isId ? length : 0;
}

/**
 * The id that follows a label, past separators, filler words and state names ("DL IL D412…"
 * is the Illinois licence D412…); undefined when none does.
 */
function idAfter(text: string, from: number): { start: number; end: number } | undefined {
  let at = from;
  for (let step = 0; step <= MAX_STEPS; step++) {
    at += stickyMatch(SEPARATORS, text, at)?.length ?? 0;
    const filler =
      stickyMatch(FILLER, text, at) ?? stickyMatch(REGION_NAME, text, at) ?? stickyMatch(REGION_CODE, text, at);
    if (filler !== undefined) {
      at += filler.length;
      continue;
    }
    const groups = stickyMatch(ID_GROUPS, text, at);
    const length = groups === undefined ? 0 : idLength(groups);
    return length > 0 ? { start: at, end: at + length } : undefined;
  }
  return undefined;
}

/**
 * Passport and driver's licence numbers. Their formats vary by country and state, so a number
 * only counts right after its label: "passport 533380006", "DL # D412-7781-9903",
 * "licencia de conducir de Texas 12345678".
 */
export function findLabelledIds(text: string): DetectedSpan[] {
  if (!LABEL_HINT.test(text)) return [];
  const found: DetectedSpan[] = [];
  for (const { pattern, subtype } of LABELS) {
    for (const label of text.matchAll(pattern)) {
      const id = idAfter(text, label.index + label[0].length);
      if (id !== undefined) found.push(govIdSpan(text, id.start, id.end, subtype, subtype, 0.85));
    }
  }
  return found;
}
