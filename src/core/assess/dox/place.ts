import { phrasesOf, sentenceAt, firstPhrase, wordsIn, type DoxContext } from './context.js';
import type { Disclosure } from './disclosure.js';
import { namedPlace } from './family.js';

/** "works at the …", "trabaja en la …", "works for …". */
const WORK_PREPOSITIONS: ReadonlySet<string> = new Set(['at', 'for', 'in', 'en', 'para']);
const NAME_START = /^[\p{Lu}\d]/u;
const HOME_AREA_WORDS = 4;
const ADDRESS_REACH = 50;
const WORKPLACE_REACH = 30;

/** The person's workplace by name; it exposes only together with other information (POLICY §1). */
export function findWorkplace(ctx: DoxContext): Disclosure[] {
  const out: Disclosure[] = [];
  for (const verb of phrasesOf(ctx, 'workVerb')) {
    const sentence = sentenceAt(ctx, verb.start);
    const to = Math.min(sentence.end, verb.end + WORKPLACE_REACH);
    if (namedPlace(ctx, verb.end, to, WORK_PREPOSITIONS) === undefined) continue;
    // A relative's workplace is a family disclosure (family.ts), not the person's.
    if (firstPhrase(ctx, 'kin', Math.max(sentence.start, verb.start - 30), verb.start) !== undefined) continue;
    out.push({ kind: 'workplace', signal: 'dox.workplace', weight: 1, start: verb.start, end: to, reason: 'workplace of the person' });
  }
  return out;
}

/**
 * Where the person lives without a full address ("lives on Karlov", "vive por el Fracc. Los
 * Nogales"): not enough to find the home alone, but it adds to a routine or a workplace.
 */
export function findHomeArea(ctx: DoxContext): Disclosure[] {
  const out: Disclosure[] = [];
  for (const cue of phrasesOf(ctx, 'homeArea')) {
    if (ctx.items.some((i) => i.type === 'street_address' && i.start >= cue.end && i.start - cue.end <= ADDRESS_REACH)) continue;
    const place = wordsIn(ctx, cue.end, ctx.text.length, { first: HOME_AREA_WORDS }).find((w) => NAME_START.test(ctx.text.slice(w.start, w.end)) && !ctx.items.some((i) => i.type === 'person' && i.start <= w.start && w.end <= i.end));
    if (place === undefined) continue;
    out.push({ signal: 'dox.home-area', weight: 1, start: cue.start, end: place.end, reason: 'area where the person lives' });
  }
  return out;
}
