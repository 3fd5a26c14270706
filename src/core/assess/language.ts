import { eld } from 'eld/extrasmall';
import words from '../lexicon/language-function-words.json' with { type: 'json' };
import type { Language } from '../types.js';

/** Our own instance, limited to the two languages the policy covers; configured once at load. */
const detector = eld.newInstance();
detector.setLanguageSubset(['en', 'es']);

/** Function word → its language, English first where a word is in both lists: one lookup per word. */
const FUNCTION_WORDS: ReadonlyMap<string, Language> = new Map([...words.es.map((w) => [w, 'es'] as const), ...words.en.map((w) => [w, 'en'] as const)]);
const WORD = /[\p{L}']+/gu;

export interface LanguageGuess {
  readonly language: Language;
  /** Both languages carry weight (Spanglish, code-switching): lexicons of both apply anyway. */
  readonly mixed: boolean;
}

/** Below this margin between eld's two scores a post is treated as mixed. */
const MIXED_MARGIN = 0.12;

/**
 * Function words settle most posts in a microsecond (hand-written because eld costs ~10 µs a
 * post); eld's n-gram model decides the rest: short, mixed or function-word-free posts.
 */
export function detectLanguage(text: string, hint?: Language): LanguageGuess {
  let en = 0;
  let es = 0;
  const lower = text.toLowerCase();
  // An exec loop: matchAll clones the pattern on every call.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const language = FUNCTION_WORDS.get(m[0]);
    if (language === 'en') en++;
    else if (language === 'es') es++;
  }
  WORD.lastIndex = 0;
  if (en >= 2 && es === 0) return { language: 'en', mixed: false };
  if (es >= 2 && en === 0) return { language: 'es', mixed: false };
  if (en >= 3 && en >= 3 * es) return { language: 'en', mixed: es > 0 };
  if (es >= 3 && es >= 3 * en) return { language: 'es', mixed: en > 0 };
  return detectWithModel(text, hint);
}

function detectWithModel(text: string, hint?: Language): LanguageGuess {
  const scores = detector.detect(text).getScores() as Partial<Record<Language, number>>;
  const en = scores.en ?? 0;
  const es = scores.es ?? 0;
  if (en === 0 && es === 0) return { language: hint ?? 'en', mixed: false };
  const mixed = Math.abs(en - es) < MIXED_MARGIN;
  const language: Language = mixed && hint !== undefined ? hint : es > en ? 'es' : 'en';
  return { language, mixed };
}
