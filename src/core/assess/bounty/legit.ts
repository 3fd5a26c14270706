import legit from '../../lexicon/bounty-legit.json' with { type: 'json' };
import lost from '../../lexicon/bounty-lost-property.json' with { type: 'json' };
import negation from '../../lexicon/bounty-negation.json' with { type: 'json' };
import { compilePhrases, findPhrases, phraseAlternation, WORD_END, type Match, type PhraseSet, type WordIndex } from './phrases.js';

/**
 * Markers of a lawful reward (POLICY §3, "Not bounty"): tips that go to the authorities
 * (Crime Stoppers, tip lines, "la denuncia puede ser anónima"), missing-person searches and bug
 * bounties; and, weaker, lost or stolen pets and property. Negated markers ("don't call the
 * police") do not count.
 */
export interface LegitMarkers {
  readonly authority?: Match;
  readonly property?: Match;
}

const AUTHORITY = compilePhrases(legit);
const PROPERTY = compilePhrases(lost);
const NEGATION = new RegExp(`\\b(?:${phraseAlternation(negation)})${WORD_END}`);
/** A negation this close before a marker cancels it. */
const NEGATION_REACH = 12;

export function findLegitMarkers(folded: string, words: WordIndex): LegitMarkers {
  const authority = firstAffirmed(AUTHORITY, folded, words);
  const property = firstAffirmed(PROPERTY, folded, words);
  return { ...(authority && { authority }), ...(property && { property }) };
}

function firstAffirmed(set: PhraseSet, folded: string, words: WordIndex): Match | undefined {
  return findPhrases(set, folded, words).find((m) => !negated(folded, m.start));
}

function negated(folded: string, start: number): boolean {
  const before = folded.slice(Math.max(0, start - NEGATION_REACH), start);
  return NEGATION.test(before);
}
