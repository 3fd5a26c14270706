import type { Lexicon } from '../../lexicon/lexicon.js';
import firstNames from '../../lexicon/first-names.json' with { type: 'json' };
import surnames from '../../lexicon/surnames.json' with { type: 'json' };
import nameWords from '../../lexicon/person-name-words.json' with { type: 'json' };
import titles from '../../lexicon/person-titles.json' with { type: 'json' };
import titleAbbreviations from '../../lexicon/person-title-abbreviations.json' with { type: 'json' };
import institutions from '../../lexicon/person-institutions.json' with { type: 'json' };
import relations from '../../lexicon/person-relations.json' with { type: 'json' };
import nameCues from '../../lexicon/person-name-cues.json' with { type: 'json' };
import greetings from '../../lexicon/person-greetings.json' with { type: 'json' };
import stopwords from '../../lexicon/person-stopwords.json' with { type: 'json' };
import places from '../../lexicon/person-places.json' with { type: 'json' };
import placePrefixes from '../../lexicon/person-place-prefixes.json' with { type: 'json' };
import placeSuffixes from '../../lexicon/person-place-suffixes.json' with { type: 'json' };
import particles from '../../lexicon/person-particles.json' with { type: 'json' };
import namePrefixes from '../../lexicon/person-name-prefixes.json' with { type: 'json' };
import locatives from '../../lexicon/person-locatives.json' with { type: 'json' };
import cornerWords from '../../lexicon/person-corner-words.json' with { type: 'json' };
import copulas from '../../lexicon/person-copulas.json' with { type: 'json' };
import determiners from '../../lexicon/person-determiners.json' with { type: 'json' };
import institutionArticles from '../../lexicon/person-institution-articles.json' with { type: 'json' };
import surnameEndings from '../../lexicon/person-surname-endings.json' with { type: 'json' };

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7F]/;
const MARKS = /\p{M}/gu;

/** Lookup key of a word: lower case, accents removed, so `Iván`, `IVAN` and `ivan` meet. */
export function foldKey(word: string): string {
  return foldLower(word.toLowerCase());
}

/** foldKey of a word already in lower case. */
export function foldLower(lower: string): string {
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** What the word lists say about a word (or a phrase of up to three words), as bit flags. */
export const W = {
  /** A given name (US SSA and Spanish lists, see lexicon/README-person-names.md). */
  GIVEN: 1 << 0,
  SURNAME: 1 << 1,
  /** A given name that is also a common English / Spanish word (`Will`, `Rosa`). */
  WORD_EN: 1 << 2,
  WORD_ES: 1 << 3,
  /** Title, rank, role or occupation written before a name; never part of the span. */
  TITLE: 1 << 4,
  /** A title written short, with a dot (`Sgt.`, `Lic.`). */
  ABBREVIATION: 1 << 5,
  /** A role noun that names the institution after `la`/`the` (`la Policía Cibernética`). */
  INSTITUTION: 1 << 6,
  /** Family and social relations (`his daughter Camila`, `su esposa Lorena`). */
  RELATION: 1 << 7,
  /** Introduces a name (`se llama`, `real name`, `Nombre:`). */
  CUE: 1 << 8,
  /** Greeting or sign-off next to a name: weaker evidence than a cue. */
  GREETING: 1 << 9,
  /** Never a name word in English / Spanish: function words, days, brands … */
  STOP_EN: 1 << 10,
  STOP_ES: 1 << 11,
  /** A city, state or country. */
  PLACE: 1 << 12,
  /** Starts a street, school, business or place name (`Calle`, `Colegio`, `St.`). */
  PLACE_PREFIX: 1 << 13,
  /** Ends one (`Elementary`, `Street`, `Fitness`). */
  PLACE_SUFFIX: 1 << 14,
  /** Joins the parts of a name (`de la`, `van`). */
  PARTICLE: 1 << 15,
  /** Written with an inner capital (`McDonald`, `DeShawn`). */
  NAME_PREFIX: 1 << 16,
  /** Before a place (`in`, `from`, `en`). */
  LOCATIVE: 1 << 17,
  /** Before a street corner `A & B` (`at`, `esquina`). */
  CORNER: 1 << 18,
  /** `is`, `es`: bridges a relation and a name (`his wife is Rosa`). */
  COPULA: 1 << 19,
  /** `the`, `los`: before a family name and a relation (`the Salazar kids`). */
  DETERMINER: 1 << 20,
  /** Before an institution noun (`la Policía`, `the Guard`). */
  INSTITUTION_ARTICLE: 1 << 21,
} as const;

// Two indexes: lower-case words are looked up only in the small one of context words.
const NAMES = new Map<string, number>();
const CONTEXT = new Map<string, number>();

function add(index: Map<string, number>, words: readonly string[], flag: number): void {
  for (const word of words) {
    // Accented forms too, so that a lower-case word can be looked up as written, unfolded.
    for (const key of new Set([foldKey(word), word.toLowerCase()])) index.set(key, (index.get(key) ?? 0) | flag);
  }
}

const both = (lexicon: Lexicon): string[] => [...lexicon.en, ...lexicon.es];

add(NAMES, both(firstNames), W.GIVEN);
add(NAMES, both(surnames), W.SURNAME);
add(NAMES, nameWords.en, W.WORD_EN);
add(NAMES, nameWords.es, W.WORD_ES);
add(CONTEXT, both(titles), W.TITLE);
add(CONTEXT, both(titleAbbreviations), W.TITLE | W.ABBREVIATION);
add(CONTEXT, both(institutions), W.INSTITUTION);
add(CONTEXT, both(relations), W.RELATION);
add(CONTEXT, both(nameCues), W.CUE);
add(CONTEXT, both(greetings), W.GREETING);
add(CONTEXT, stopwords.en, W.STOP_EN);
add(CONTEXT, stopwords.es, W.STOP_ES);
add(CONTEXT, both(places), W.PLACE);
add(CONTEXT, both(placePrefixes), W.PLACE_PREFIX);
add(CONTEXT, both(placeSuffixes), W.PLACE_SUFFIX);
add(CONTEXT, both(particles), W.PARTICLE);
add(CONTEXT, both(namePrefixes), W.NAME_PREFIX);
add(CONTEXT, both(locatives), W.LOCATIVE);
add(CONTEXT, both(cornerWords), W.CORNER);
add(CONTEXT, both(copulas), W.COPULA);
add(CONTEXT, both(determiners), W.DETERMINER);
add(CONTEXT, both(institutionArticles), W.INSTITUTION_ARTICLE);

const SURNAME_ENDINGS = both(surnameEndings);

/** Ends like a surname in many languages (`Pérez`, `Petersson`, `Kowalski`, `Yefremova`). */
export const hasSurnameEnding = (key: string): boolean => SURNAME_ENDINGS.some((ending) => key.endsWith(ending));

// A context word that is also a name (`Don`, `Ella`, `Houston`) carries its name flags too.
for (const [key, flags] of CONTEXT) CONTEXT.set(key, flags | (NAMES.get(key) ?? 0));

/**
 * Flags of a folded key from the small index of context words (titles, stopwords, places …), with
 * their name flags if they are names too. Enough for any word that cannot be a name.
 */
export function contextFlags(key: string): number {
  return CONTEXT.get(key) ?? 0;
}

/** All flags of a folded key; a hyphenated pair of given names (`Jean-Luc`) is a given name. */
export function wordFlags(key: string): number {
  const context = CONTEXT.get(key);
  if (context !== undefined) return context;
  const flags = NAMES.get(key);
  if (flags !== undefined) return flags;
  const hyphen = key.indexOf('-');
  if (hyphen < 1) return 0;
  return (NAMES.get(key.slice(0, hyphen)) ?? 0) & (NAMES.get(key.slice(hyphen + 1)) ?? 0) & W.GIVEN;
}
