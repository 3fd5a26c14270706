import adjectiveNouns from '../../lexicon/dox-adjective-nouns.json' with { type: 'json' };
import authorCues from '../../lexicon/dox-author-cues.json' with { type: 'json' };
import contactInvite from '../../lexicon/dox-contact-invite.json' with { type: 'json' };
import contactLabels from '../../lexicon/dox-contact-labels.json' with { type: 'json' };
import contactNouns from '../../lexicon/dox-contact-nouns.json' with { type: 'json' };
import contactPerson from '../../lexicon/dox-contact-person.json' with { type: 'json' };
import countWords from '../../lexicon/dox-count-words.json' with { type: 'json' };
import determiners from '../../lexicon/dox-determiners.json' with { type: 'json' };
import exampleCues from '../../lexicon/dox-example-cues.json' with { type: 'json' };
import exposure from '../../lexicon/dox-exposure.json' with { type: 'json' };
import farewells from '../../lexicon/dox-farewells.json' with { type: 'json' };
import firstPerson from '../../lexicon/dox-first-person.json' with { type: 'json' };
import friends from '../../lexicon/dox-friends.json' with { type: 'json' };
import habitual from '../../lexicon/dox-habitual.json' with { type: 'json' };
import homeAfter from '../../lexicon/dox-home-after.json' with { type: 'json' };
import homeArea from '../../lexicon/dox-home-area.json' with { type: 'json' };
import homeNouns from '../../lexicon/dox-home-nouns.json' with { type: 'json' };
import homeCues from '../../lexicon/dox-home-cues.json' with { type: 'json' };
import kin from '../../lexicon/dox-kin.json' with { type: 'json' };
import live from '../../lexicon/dox-live.json' with { type: 'json' };
import nameLinks from '../../lexicon/dox-name-links.json' with { type: 'json' };
import negators from '../../lexicon/dox-negators.json' with { type: 'json' };
import objectPronouns from '../../lexicon/dox-object-pronouns.json' with { type: 'json' };
import petNouns from '../../lexicon/dox-pet-nouns.json' with { type: 'json' };
import personNouns from '../../lexicon/dox-person-nouns.json' with { type: 'json' };
import premiseNouns from '../../lexicon/dox-premise-nouns.json' with { type: 'json' };
import presence from '../../lexicon/dox-presence.json' with { type: 'json' };
import privateQualifiers from '../../lexicon/dox-private-qualifiers.json' with { type: 'json' };
import publicCues from '../../lexicon/dox-public-cues.json' with { type: 'json' };
import residential from '../../lexicon/dox-residential.json' with { type: 'json' };
import routineVerbs from '../../lexicon/dox-routine-verbs.json' with { type: 'json' };
import schoolNouns from '../../lexicon/dox-school-nouns.json' with { type: 'json' };
import schoolVerbs from '../../lexicon/dox-school-verbs.json' with { type: 'json' };
import secondPerson from '../../lexicon/dox-second-person.json' with { type: 'json' };
import selfIntro from '../../lexicon/dox-self-intro.json' with { type: 'json' };
import thirdPerson from '../../lexicon/dox-third-person.json' with { type: 'json' };
import thirdPronouns from '../../lexicon/dox-third-person-pronouns.json' with { type: 'json' };
import venuePrefixes from '../../lexicon/dox-venue-prefixes.json' with { type: 'json' };
import weekdays from '../../lexicon/dox-weekdays.json' with { type: 'json' };
import workVerbs from '../../lexicon/dox-work-verbs.json' with { type: 'json' };
import colours from '../../lexicon/vehicle-colour.json' with { type: 'json' };
import models from '../../lexicon/vehicle-model.json' with { type: 'json' };
import vehicleTypes from '../../lexicon/vehicle-type.json' with { type: 'json' };
import type { Lexicon } from '../../lexicon/lexicon.js';
import { foldForMatching } from '../fold.js';
import { tokenize, type Span, type Token } from './tokens.js';

/** Model names that are only digits ("1500") say nothing on their own. */
const namedModels: Lexicon = { en: models.en.filter((m) => /\p{L}/u.test(m)), es: models.es.filter((m) => /\p{L}/u.test(m)) };

/** Every word list the dox module reads, by the name the code uses. */
const LEXICONS = {
  adjectiveNoun: adjectiveNouns,
  author: authorCues,
  colour: colours,
  contactInvite,
  contactLabel: contactLabels,
  contactNoun: contactNouns,
  contactPerson,
  count: countWords,
  determiner: determiners,
  example: exampleCues,
  exposure,
  farewell: farewells,
  firstPerson,
  friend: friends,
  habitual,
  home: homeCues,
  homeAfter,
  homeArea,
  homeNoun: homeNouns,
  kin,
  live,
  nameLink: nameLinks,
  negator: negators,
  objectPronoun: objectPronouns,
  personNoun: personNouns,
  petNoun: petNouns,
  premiseNoun: premiseNouns,
  presence,
  privateQualifier: privateQualifiers,
  public: publicCues,
  residential,
  routineVerb: routineVerbs,
  schoolNoun: schoolNouns,
  schoolVerb: schoolVerbs,
  secondPerson,
  selfIntro,
  thirdPerson,
  thirdPronoun: thirdPronouns,
  vehicle: { en: [...vehicleTypes.en, ...namedModels.en], es: [...vehicleTypes.es, ...namedModels.es] },
  venuePrefix: venuePrefixes,
  weekday: weekdays,
  workVerb: workVerbs,
} satisfies Record<string, Lexicon>;

export type LexiconId = keyof typeof LEXICONS;
const IDS = Object.keys(LEXICONS) as LexiconId[];

/** A lexicon entry found in the text: its span and the tokens it covers, [first, last). */
export interface PhraseMatch extends Span {
  readonly first: number;
  readonly last: number;
}

interface Entry {
  readonly id: number;
  readonly rest: readonly string[];
}

/**
 * All entries of all lexicons, keyed by their first token, longest first: one pass over the
 * tokens of a post finds every entry of every list (a hash lookup per token), which is what keeps
 * the module at a few microseconds.
 */
const INDEX = new Map<string, Entry[]>();
IDS.forEach((name, id) => {
  const lexicon: Lexicon = LEXICONS[name];
  const folded = new Set([...lexicon.en, ...lexicon.es].map((w) => foldForMatching(w.replace(/’/g, "'"))));
  for (const phrase of folded) {
    const tokens = tokenize(phrase).map((t) => t.text);
    const [head, ...rest] = tokens;
    if (head === undefined) continue;
    const list = INDEX.get(head) ?? [];
    list.push({ id, rest });
    INDEX.set(head, list);
  }
});
for (const list of INDEX.values()) list.sort((a, b) => b.rest.length - a.rest.length);

/** The longest entry of each lexicon starting at each token, grouped by lexicon. */
export function findPhrases(tokens: readonly Token[]): ReadonlyMap<LexiconId, readonly PhraseMatch[]> {
  const found = new Map<LexiconId, PhraseMatch[]>();
  for (let i = 0; i < tokens.length; i++) {
    const entries = INDEX.get(tokens[i]?.text ?? '');
    if (entries === undefined) continue;
    let seen: number[] | undefined;
    for (const entry of entries) {
      if (seen?.includes(entry.id) === true || !restMatches(tokens, i + 1, entry.rest)) continue;
      (seen ??= []).push(entry.id);
      const last = i + 1 + entry.rest.length;
      const name = IDS[entry.id] as LexiconId;
      const list = found.get(name) ?? [];
      list.push({ start: tokens[i]?.start ?? 0, end: tokens[last - 1]?.end ?? 0, first: i, last });
      found.set(name, list);
    }
  }
  return found;
}

function restMatches(tokens: readonly Token[], from: number, rest: readonly string[]): boolean {
  for (let k = 0; k < rest.length; k++) if (tokens[from + k]?.text !== rest[k]) return false;
  return true;
}

/** Whether a single word belongs to a lexicon (for words already isolated, e.g. a token). */
export function isEntry(id: LexiconId, word: string): boolean {
  return INDEX.get(word)?.some((e) => IDS[e.id] === id && e.rest.length === 0) ?? false;
}
