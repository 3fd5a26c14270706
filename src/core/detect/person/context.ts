import { contextFlags, W } from './lexicons.js';
import type { Token } from './tokens.js';

/** Main language of the post, from its function words; `mixed` when neither clearly dominates. */
export type PostLanguage = 'en' | 'es' | 'mixed';

export function guessLanguage(tokens: readonly Token[]): PostLanguage {
  let en = 0;
  let es = 0;
  for (const t of tokens) {
    if (t.shape !== 'lower') continue;
    const stop = t.flags & (W.STOP_EN | W.STOP_ES);
    if (stop === W.STOP_EN) en++;
    else if (stop === W.STOP_ES) es++;
  }
  if (en > 2 * es) return 'en';
  if (es > 2 * en) return 'es';
  return 'mixed';
}

const inLanguage = (flags: number, en: number, es: number, lang: PostLanguage): boolean =>
  (flags & (lang === 'en' ? en : lang === 'es' ? es : en | es)) !== 0;

export const is = (t: Token | undefined, flag: number): boolean => t !== undefined && (t.flags & flag) !== 0;
export const isGivenName = (t: Token): boolean => is(t, W.GIVEN);
export const isKnownName = (t: Token): boolean => is(t, W.GIVEN | W.SURNAME);

/** A given name that is also a common word in the post's language or a place (`Rosa`, `Will`, `Austin`). */
export const isWordLikeName = (t: Token, lang: PostLanguage): boolean =>
  inLanguage(t.flags, W.WORD_EN, W.WORD_ES, lang) || is(t, W.PLACE);

/**
 * Never a name word. For a known name, only the post's own language counts (`Ella` is a pronoun in
 * Spanish but a name in English).
 */
export const isStopword = (t: Token, lang: PostLanguage): boolean =>
  isKnownName(t) ? inLanguage(t.flags, W.STOP_EN, W.STOP_ES, lang) : is(t, W.STOP_EN | W.STOP_ES);

/** Title, role or relation word written before a name. */
export const isPersonNoun = (t: Token): boolean => is(t, W.TITLE | W.RELATION);

// Between a cue and the name, on one line: spaces, quotes, a colon, an opening bracket, dashes, `=` or a comma.
const CUE_GAP = /^[ \t"'“”«»‘’:(\-–—=,]*$/u;
// After an abbreviated title: its dot, then spaces (`Sgt. Pierce`, `Lic. Gálvez`).
const ABBREVIATION_GAP = /^\.?[ \t]*$/;

export type CueStrength = 'strong' | 'weak' | 'none';

export interface Cue {
  readonly strength: CueStrength;
  readonly rule: 'title' | 'relation' | 'cue' | 'greeting' | 'none';
}

const NO_CUE: Cue = { strength: 'none', rule: 'none' };
const TITLE_CUE: Cue = { strength: 'strong', rule: 'title' };
const RELATION_CUE: Cue = { strength: 'strong', rule: 'relation' };
const NAME_CUE: Cue = { strength: 'strong', rule: 'cue' };
const GREETING_CUE: Cue = { strength: 'weak', rule: 'greeting' };
const PERSONAL_A_CUE: Cue = { strength: 'weak', rule: 'cue' };

/** Only spaces or tabs, at least one, between tokens `a` and `b`. */
export function joinedBySpaces(text: string, a: Token | undefined, b: Token): a is Token {
  if (a === undefined || a.end >= b.start) return false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** What the words right before token `i` say about it being a name. */
export function cueBefore(text: string, tokens: readonly Token[], i: number, lang: PostLanguage): Cue {
  const target = tokens[i];
  const prev = tokens[i - 1];
  if (target === undefined || prev === undefined) return NO_CUE;
  const gap = text.slice(prev.end, target.start);
  if (!(is(prev, W.ABBREVIATION) ? ABBREVIATION_GAP.test(gap) : CUE_GAP.test(gap))) return NO_CUE;
  const noun = personNounCue(text, tokens, i - 1);
  if (noun !== NO_CUE) return noun;
  if (is(prev, W.COPULA)) {
    const bridged = joinedBySpaces(text, tokens[i - 2], prev) ? personNounCue(text, tokens, i - 2) : NO_CUE;
    if (bridged !== NO_CUE) return bridged;
  }
  const phrase = phraseFlags(text, tokens, i - 1);
  if ((phrase & W.CUE) !== 0) return NAME_CUE;
  if ((phrase & W.GREETING) !== 0) return GREETING_CUE;
  // Spanish marks a person object with `a`: "encontrar a Brenda", "condenó a Rubén Saldívar".
  if ((prev.lower === 'a' || prev.lower === 'al') && lang !== 'en') return PERSONAL_A_CUE;
  return NO_CUE;
}

/** Token `j` is a title, role or relation word used as such. */
function personNounCue(text: string, tokens: readonly Token[], j: number): Cue {
  const t = tokens[j];
  if (t === undefined || (t.shape !== 'cap' && t.shape !== 'lower') || !isPersonNoun(t)) return NO_CUE;
  const before = tokens[j - 1];
  // `Ridgeway Dr`, `Airline Dr.`: a street type after a street name, not a title.
  if (is(t, W.PLACE_SUFFIX) && joinedBySpaces(text, before, t) && before.shape !== 'lower') return NO_CUE;
  // `la Policía Cibernética`, `the Border Patrol`: the institution, not one of its members.
  if (is(t, W.INSTITUTION) && is(before, W.INSTITUTION_ARTICLE)) return NO_CUE;
  if (is(t, W.TITLE)) return TITLE_CUE;
  // `Kids & Family, Mystery & Suspense`: a Title-case list, not "my family, Ana".
  return t.shape === 'cap' && text[t.end] === ',' ? NO_CUE : RELATION_CUE;
}

/** Flags of the one-, two- and three-word phrases that end with token `last`. */
function phraseFlags(text: string, tokens: readonly Token[], last: number): number {
  let flags = 0;
  let phrase = '';
  for (let j = last; j >= 0 && j > last - 3; j--) {
    const t = tokens[j];
    if (t === undefined || t.shape === 'upper' || t.shape === 'other') break;
    const next = tokens[j + 1];
    if (j < last && next !== undefined && !joinedBySpaces(text, t, next)) break;
    phrase = phrase === '' ? t.lower : `${t.lower} ${phrase}`;
    flags |= j === last ? t.flags : contextFlags(phrase);
  }
  return flags;
}
