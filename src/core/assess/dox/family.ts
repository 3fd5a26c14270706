import { firstPhrase, phrasesOf, sentenceAt, wordsIn, type DoxContext } from './context.js';
import type { Disclosure } from './disclosure.js';
import { isEntry } from './lexicons.js';

/** "la hija del alcalde", "the son of the judge": the relative's person follows. */
const POSSESSOR_AFTER = /^\s*(?:del|de la|de|of the|of)\s/;
const POSSESSIVE_S_BEFORE = /'s?\s*$/;
/** "at the Oak Brook …", "en el Walmart", "to Hinsdale …": where a relative studies or works. */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['at', 'to', 'en', 'al', 'a', 'in']);
const ARTICLES: ReadonlySet<string> = new Set(['the', 'el', 'la', 'los', 'las', 'un', 'una', 'an']);
const NAME_START = /^[\p{Lu}\d]/u;

/** How far after the relative its name, school or workplace may follow. */
const DETAIL_WINDOW = 90;
const NAME_GAP = 28;

/**
 * Family members tied to the targeted person (POLICY §1): a relative of a third person
 * ("his wife", "Kline's kids", "su hija", "la hija del alcalde") with a name, a school or a
 * workplace. The author's or the reader's family ("my sister", "your kids") is not a disclosure.
 */
export function findFamily(ctx: DoxContext): Disclosure[] {
  const out: Disclosure[] = [];
  for (const relative of phrasesOf(ctx, 'kin')) {
    const sentence = sentenceAt(ctx, relative.start);
    const lead = wordsIn(ctx, sentence.start, relative.start, { last: 2 });
    if (lead.some((w) => isEntry('firstPerson', w.text) || isEntry('secondPerson', w.text))) continue;
    const possessed =
      lead.some((w) => isEntry('thirdPerson', w.text)) ||
      POSSESSIVE_S_BEFORE.test(ctx.masked.slice(Math.max(0, relative.start - 4), relative.start)) ||
      POSSESSOR_AFTER.test(ctx.masked.slice(relative.end, relative.end + 8));
    const end = Math.min(sentence.end, relative.end + DETAIL_WINDOW);
    const named = hasName(ctx, relative.end);
    const place = hasSchoolOrWork(ctx, relative.end, end);
    // Whose relative it is must be said, unless a school or workplace makes the disclosure plain.
    if (!place && !(named && possessed)) continue;
    const weight = named && place ? 3.5 : place ? 2.5 : 2;
    const what = [named ? 'name' : '', place ? 'school or workplace' : ''].filter(Boolean).join(' and ');
    out.push({ kind: 'family', signal: 'dox.family', weight, start: relative.start, end, reason: `family member of the person with ${what}` });
  }
  return out;
}

/** A name right after the relative: "wife Jen", "esposa es Claudia …", "kids — Mason (8) and Ella". */
function hasName(ctx: DoxContext, from: number): boolean {
  const person = ctx.items.find((i) => i.type === 'person' && i.start >= from && i.start - from <= NAME_GAP);
  if (person === undefined) return false;
  // Only linking words may stand between: "esposa es Claudia", "husband is Dr. Paul", "Dad's name is".
  return wordsIn(ctx, from, person.start).every((w) => isEntry('nameLink', w.text));
}

function hasSchoolOrWork(ctx: DoxContext, from: number, to: number): boolean {
  if (firstPhrase(ctx, 'schoolNoun', from, to) !== undefined) return true;
  const verb = firstPhrase(ctx, 'schoolVerb', from, to) ?? firstPhrase(ctx, 'workVerb', from, to);
  const place = namedPlace(ctx, verb?.start ?? from, to, PLACE_PREPOSITIONS);
  // Without a verb only "at <Name>" reads as a place the relative is found ("her daughter is at Loyola").
  return place !== undefined && (verb !== undefined || place === 'at');
}

/** The preposition of the first "<preposition> [article] <Name or number>" inside [from, to). */
export function namedPlace(ctx: DoxContext, from: number, to: number, prepositions: ReadonlySet<string>): string | undefined {
  const words = wordsIn(ctx, from, to);
  for (let i = 0; i < words.length; i++) {
    const preposition = words[i];
    if (preposition === undefined || !prepositions.has(preposition.text)) continue;
    let j = i + 1;
    if (ARTICLES.has(words[j]?.text ?? '')) j++;
    const name = words[j];
    if (name !== undefined && NAME_START.test(ctx.text.slice(name.start, name.end))) return preposition.text;
  }
  return undefined;
}
