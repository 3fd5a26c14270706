import { canonicalOf, wordsOf, type AddressMatch } from './match.js';
import { afterPeriod, isOrdinal, placeWordsAt, sameLine, type Tokens } from './parts.js';
import { PhraseIndex } from './phrases.js';
import { STREET_PREFIXES, STREET_TYPES } from './vocabulary.js';

/**
 * Intersections of two streets (`26th and Kedzie`, `esquina de Insurgentes y Sonora`,
 * `at Cermak & Western`). They name a public place, not a home, so they are reported as a
 * low-confidence `location`, never as `street_address`.
 */

const CUES = PhraseIndex.of(['corner of', 'intersection of', 'esquina de', 'esquina con', 'esquina', 'esq.', 'cruce de']);
const JOINS = PhraseIndex.of(['and', '&', 'y', 'con', '/']);
/** `Morelos esquina con Juárez`: the corner word itself joins the two streets. */
const CORNER_JOINS = PhraseIndex.of(['esquina con', 'esquina', 'esq. con', 'esq.', 'esq']);
/** Before `A & B` with no street word: where a report of something happening would put it. */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['at', 'on', 'near', 'off', 'en', 'por']);
/** A street before the join has at most this many tokens (`Martin Luther King Dr.`). */
const LONGEST_STREET = 5;

interface StreetRef {
  readonly last: number;
  /** An ordinal, a street type or a street prefix marks it as a street by itself. */
  readonly marked: boolean;
  /** It has a street type or prefix (`26th St`, `Av. Reforma`), not just a name or ordinal. */
  readonly typed: boolean;
}

function streetRefAt(ts: Tokens, i: number): StreetRef | undefined {
  const t = sameLine(ts, i);
  if (t === undefined) return undefined;
  const prefix = STREET_PREFIXES.match(ts, i);
  if (prefix !== undefined) {
    const last = placeWordsAt(ts, prefix.next, { leadingConnector: true });
    return last < 0 ? undefined : { last, marked: true, typed: true };
  }
  const last = isOrdinal(t) ? i : placeWordsAt(ts, i);
  if (last < 0) return undefined;
  const type = sameLine(ts, last + 1) === undefined ? undefined : STREET_TYPES.match(ts, last + 1);
  if (type !== undefined) return { last: afterPeriod(ts, type.next - 1) - 1, marked: true, typed: true };
  return { last, marked: isOrdinal(t), typed: false };
}

interface Join {
  /** First token of the second street. */
  readonly next: number;
  /** The join itself says "corner" (`esquina con`). */
  readonly corner: boolean;
}

function joinAt(ts: Tokens, j: number): Join | undefined {
  const corner = CORNER_JOINS.match(ts, j);
  if (corner !== undefined) return { next: corner.next, corner: true };
  const join = JOINS.match(ts, j);
  return join === undefined ? undefined : { next: join.next, corner: false };
}

/** An intersection whose first street starts at `start` and is joined at `at`. */
function intersectionAt(ts: Tokens, start: number, at: number, join: Join): AddressMatch | undefined {
  const a = streetRefAt(ts, start);
  if (a === undefined || a.last + 1 !== at) return undefined;
  const b = streetRefAt(ts, join.next);
  if (b === undefined) return undefined;
  const before = start - 1;
  const cue = CUES.match(ts, before) ?? CUES.match(ts, before - 1) ?? CUES.match(ts, before - 2);
  const cued = join.corner || (cue !== undefined && cue.next === start);
  const previous = ts[before];
  const reported = ts[at]?.text === '&' && previous !== undefined && PLACE_PREPOSITIONS.has(previous.key);
  if (!cued && !a.marked && !b.marked && !reported) return undefined;
  // `the 26th and 27th of June`: bare ordinals on both sides are numbers, not streets.
  const bareOrdinals = !a.typed && !b.typed && isOrdinal(ts[start]) && isOrdinal(ts[join.next]);
  if (!cued && bareOrdinals) return undefined;
  return {
    first: start,
    last: b.last,
    rule: 'street-address.intersection',
    confidence: 0.3,
    subtype: 'intersection',
    canonical: canonicalOf([...wordsOf(ts, start, a.last), '&', ...wordsOf(ts, join.next, b.last)]),
  };
}

/** Intersections around each joining word (`and`, `y`, `&`, `/`, `esquina`) not inside an address. */
export function findIntersections(ts: Tokens, taken: readonly AddressMatch[]): AddressMatch[] {
  const found: AddressMatch[] = [];
  let free = 0;
  let next = 0;
  for (let j = 1; j < ts.length; j++) {
    const join = sameLine(ts, j) === undefined ? undefined : joinAt(ts, j);
    if (join === undefined) continue;
    // Streets on both sides start with a capital or are ordinals (`26th and Kedzie`, `St. & Main`).
    const left = ts[j - 1];
    const right = sameLine(ts, join.next);
    if (left === undefined || right === undefined) continue;
    if (!(left.capitalized || left.text === '.' || isOrdinal(left)) || !(right.capitalized || isOrdinal(right))) continue;
    while (next < taken.length && (taken[next]?.last ?? 0) < j) free = Math.max(free, (taken[next++]?.last ?? 0) + 1);
    const address = taken[next];
    if (address !== undefined && address.first <= j) continue;
    for (let start = Math.max(free, j - LONGEST_STREET); start < j; start++) {
      const match = intersectionAt(ts, start, j, join);
      if (match === undefined || (address !== undefined && match.last >= address.first)) continue;
      found.push(match);
      free = match.last + 1;
      j = match.last;
      break;
    }
  }
  return found;
}
