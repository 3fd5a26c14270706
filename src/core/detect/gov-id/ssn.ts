import ssnContext from '../../lexicon/ssn-context.json' with { type: 'json' };
import { compileWords, occursAfter, occursBefore } from '../../lexicon/lexicon.js';
import type { DetectedSpan } from '../detector.js';
import { govIdSpan } from './id-span.js';

const CONTEXT = compileWords(ssnContext);
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 30;

/**
 * Area, group and serial (3-2-4 digits): dashed, dotted, spaced or compact, never inside a
 * longer number or word.
 */
const SSN =
  /(?<![\p{L}\p{N}_])(?<!\p{N}[-.\s])(\d{3})(\s?[-.–]\s?|\s)?(\d{2})(\s?[-.–]\s?|\s)?(\d{4})(?![\p{L}\p{N}_]|[-.–]\p{N})/gu;

/**
 * US Social Security numbers. A number with "SSN"/"social security"/"seguro social" nearby is
 * taken in any layout, even in the 900–999 and 666 areas the SSA never issues (ITINs and the
 * stand-in numbers people post share that layout). Without context only a separated number
 * that the SSA could have issued counts, at lower confidence.
 */
export function findSsns(text: string): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  for (const m of text.matchAll(SSN)) {
    const [whole, area = '', sep1, group = '', sep2, serial = ''] = m;
    const areaNumber = Number(area);
    if (areaNumber === 0 || group === '00' || serial === '0000') continue;
    const start = m.index;
    const end = start + whole.length;
    if (occursBefore(text, start, CONTEXT, CONTEXT_BEFORE) || occursAfter(text, end, CONTEXT, CONTEXT_AFTER)) {
      found.push(govIdSpan(text, start, end, 'ssn', 'ssn', 0.95));
      continue;
    }
    const issuable = areaNumber !== 666 && areaNumber < 900;
    if (!issuable || sep1 === undefined || sep2 === undefined) continue;
    const dashed = sep1.trim() !== '' && sep2.trim() !== '';
    found.push(govIdSpan(text, start, end, 'ssn', 'ssn-shape', dashed ? 0.7 : 0.55));
  }
  return found;
}
