import spanishIdContext from '../../lexicon/spanish-id-context.json' with { type: 'json' };
import { compileWords, occursBefore } from '../../lexicon/lexicon.js';
import type { DetectedSpan } from '../detector.js';
import { canonicalId, govIdSpan } from './id-span.js';

const CONTEXT = compileWords(spanishIdContext);
const CONTEXT_BEFORE = 30;

/** DNI: 8 digits (optionally dotted 12.345.678) and a control letter. */
const DNI = /(?<![\p{L}\p{N}_.])(?:\d{8}|\d{2}\.\d{3}\.\d{3})[ -]?[A-Z](?![\p{L}\p{N}_])/gu;
/** NIE: X, Y or Z, 7 digits and a control letter. */
const NIE = /(?<![\p{L}\p{N}_])[XYZ][ -]?\d{7}[ -]?[A-Z](?![\p{L}\p{N}_])/gu;

/** Both hold 7 digits in a row, or the dotted 12.345.678. */
const DIGIT_RUN = /\d{7}|\d\.\d{3}\.\d{3}/;

const CONTROL_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** True when the last letter of a DNI/NIE (canonical form) is its mod-23 control letter. */
export function hasValidControlLetter(id: string): boolean {
  const digits = id.slice(0, -1).replace(/^[XYZ]/, (prefix) => String('XYZ'.indexOf(prefix)));
  return CONTROL_LETTERS.charAt(Number(digits) % 23) === id.slice(-1);
}

function find(text: string, pattern: RegExp, subtype: 'dni' | 'nie'): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    const labelled = occursBefore(text, start, CONTEXT, CONTEXT_BEFORE);
    if (hasValidControlLetter(canonicalId(m[0]))) {
      found.push(govIdSpan(text, start, end, subtype, subtype, labelled ? 0.95 : 0.85));
    } else if (labelled) {
      found.push(govIdSpan(text, start, end, subtype, `${subtype}-unverified`, 0.75));
    }
  }
  return found;
}

/** Spanish DNI and NIE numbers: the control letter, or a "DNI"/"NIE" label when it fails. */
export function findSpanishIds(text: string): DetectedSpan[] {
  if (!DIGIT_RUN.test(text)) return [];
  return [...find(text, DNI, 'dni'), ...find(text, NIE, 'nie')];
}
