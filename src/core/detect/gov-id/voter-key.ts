import voterKeyContext from '../../lexicon/voter-key-context.json' with { type: 'json' };
import { compileWords, occursAfter, occursBefore } from '../../lexicon/lexicon.js';
import { isCalendarDay } from '../calendar.js';
import type { DetectedSpan } from '../detector.js';
import { govIdSpan } from './id-span.js';

const CONTEXT = compileWords(voterKeyContext);
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 20;

/** 6 name consonants/vowels, yymmdd, state 01–32, sex H/M, 3-digit homoclave. */
const CLAVE_DE_ELECTOR =
  /(?<![\p{L}\p{N}_])[A-Z]{6} ?\d{2}(\d{2})(\d{2}) ?(\d{2}) ?[HM] ?\d{3}(?![\p{L}\p{N}_])/giu;

const SIX_DIGITS = /\d{6}/;

/** INE claves de elector (Mexican voter keys); only where the post names them. */
export function findVoterKeys(text: string): DetectedSpan[] {
  if (!SIX_DIGITS.test(text)) return [];
  const found: DetectedSpan[] = [];
  for (const m of text.matchAll(CLAVE_DE_ELECTOR)) {
    const state = Number(m[3]);
    if (!isCalendarDay(Number(m[1]), Number(m[2])) || state < 1 || state > 32) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (!occursBefore(text, start, CONTEXT, CONTEXT_BEFORE) && !occursAfter(text, end, CONTEXT, CONTEXT_AFTER)) {
      continue;
    }
    found.push(govIdSpan(text, start, end, 'ine_voter_key', 'ine-voter-key', 0.9));
  }
  return found;
}
