import { eld } from 'eld/extrasmall';
import type { Language } from '../types.js';

/** Our own instance, limited to the two languages the policy covers; configured once at load. */
const detector = eld.newInstance();
detector.setLanguageSubset(['en', 'es']);

export interface LanguageGuess {
  readonly language: Language;
  /** Both languages carry weight (Spanglish, code-switching): lexicons of both apply anyway. */
  readonly mixed: boolean;
}

/** Below this margin between the two scores a post is treated as mixed. */
const MIXED_MARGIN = 0.12;

export function detectLanguage(text: string, hint?: Language): LanguageGuess {
  const scores = detector.detect(text).getScores() as Partial<Record<Language, number>>;
  const en = scores.en ?? 0;
  const es = scores.es ?? 0;
  if (en === 0 && es === 0) return { language: hint ?? 'en', mixed: false };
  const mixed = Math.abs(en - es) < MIXED_MARGIN;
  const language: Language = mixed && hint !== undefined ? hint : es > en ? 'es' : 'en';
  return { language, mixed };
}
