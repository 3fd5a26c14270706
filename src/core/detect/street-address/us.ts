import { parseNumberThenPrefix, parsePrefixed } from './es.js';
import { canonicalOf, wordsOf, type AddressMatch } from './match.js';
import {
  afterPeriod,
  isOrdinal,
  isWholeNumber,
  joinedAt,
  placeWordsAt,
  sameLine,
  tailAfter,
  unitsAfter,
  type Tokens,
} from './parts.js';
import type { Token } from './tokens.js';
import {
  BLOCK_PHRASES,
  CONNECTORS,
  DIRECTIONALS,
  MEASURES,
  NOT_PLACE,
  NUMBER_REFERENCE,
  STATE_CODES,
  STREET_PREFIXES,
  STREET_TYPES,
  STRONG_TYPES,
  TERMINAL_TYPE_FORMS,
} from './vocabulary.js';

/**
 * US addresses: house number (or `4100 block of`), optional directional, street name and
 * street type (`4417 S Wood St`, `1800 block of W 35th St`, `315 Magnolia Bend`), then units
 * and `City, ST ZIP`.
 */

/** Characters that may touch a house number on its left: `(4417 S Wood St)`. */
const OPENERS: ReadonlySet<string> = new Set(['(', '[', '"', '“', "'", '‘', '«']);

/** `The`, `A` cannot start a street name (`at 5 The Street was empty`). */
const ENGLISH_ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an']);
/** Words before a year: `In 2019 Main Street was rebuilt`, `Class of 2024 Graduation Walk`. */
const YEAR_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'since', 'by', 'until', 'till', 'before', 'after', 'during', 'of', 'class']);
const YEAR = /^(?:19|20)\d\d$/;

/** `221B`: a house number with a letter. */
const LETTERED_NUMBER = /^\d{1,5}[A-Z]$/;

function isHouseNumber(ts: Tokens, i: number): boolean {
  const t = ts[i];
  if (t === undefined || !(t.kind === 'num' ? t.text.length <= 6 : LETTERED_NUMBER.test(t.text))) return false;
  const previous = ts[i - 1];
  if (previous !== undefined && !t.newlineBefore) {
    if (t.joined && !OPENERS.has(previous.text)) return false;
    if (previous.text === '#' || NUMBER_REFERENCE.has(previous.key)) return false;
    if (YEAR.test(t.text) && YEAR_PREPOSITIONS.has(previous.key)) return false;
  }
  return isWholeNumber(ts, i) || hyphenatedNumberEnd(ts, i) > i;
}

/** `104-12` (Queens) or a range `1200-1210`, not a phone fragment (`555-0134`): index of the last number, else `i`. */
function hyphenatedNumberEnd(ts: Tokens, i: number): number {
  const first = ts[i];
  const rest = joinedAt(ts, i + 2);
  if (first?.kind !== 'num' || joinedAt(ts, i + 1)?.text !== '-' || rest?.kind !== 'num') return i;
  const queens = rest.text.length <= 2;
  const range = rest.text.length === first.text.length && Number(rest.text) > Number(first.text);
  return (queens || range) && isWholeNumber(ts, i + 2) ? i + 2 : i;
}

interface Street {
  readonly last: number;
  readonly type: string;
  readonly typeToken: Token;
  readonly confidence: number;
  /** Some name word is in lower case (`4417 s wood st`). */
  readonly lowerCase: boolean;
}

/**
 * Name words up to the street type. A type word may be part of the name when another type
 * follows (`Dusty Trail Rd`, `Harbor View Ter`); after `St`, `Ave`, `Rd`… the name is over.
 */
function streetAt(ts: Tokens, i: number, directional: boolean): Street | undefined {
  let lastType = -1;
  let type = '';
  let names = 0;
  for (let j = i; j < i + 7; j++) {
    const t = sameLine(ts, j);
    if (t === undefined || (j > i && t.joined)) break;
    if (t.kind !== 'word' && !isOrdinal(t)) break;
    if (t.kind === 'word' && !t.capitalized && (NOT_PLACE.has(t.key) || CONNECTORS.has(t.key))) break;
    if (j === i && ENGLISH_ARTICLES.has(t.key)) break;
    // `the 1 Train to 42 St`: a type right after the number makes the number the street's name.
    if (j === i && TERMINAL_TYPE_FORMS.has(t.key) && !(t.key === 'st' && joinedAt(ts, j + 1)?.text === '.')) break;
    const streetType = t.kind === 'word' && names > 0 ? STREET_TYPES.match(ts, j) : undefined;
    if (streetType !== undefined) {
      lastType = j;
      type = streetType.value;
      if (TERMINAL_TYPE_FORMS.has(t.key)) break;
      continue;
    }
    names++;
    // `St. John Street`: a leading `St.` is Saint.
    if (t.key === 'st' && joinedAt(ts, j + 1)?.text === '.') j++;
  }
  const typeToken = ts[lastType];
  if (typeToken === undefined) return undefined;
  if (MEASURES.match(ts, i) !== undefined) return undefined;
  const words = ts.slice(i, lastType + 1).filter((t) => t.kind !== 'punct');
  const lowerCase = words.some((t) => t.kind === 'word' && !t.capitalized && !isOrdinal(t));
  if (!lowerCase) {
    return { last: lastType, type, typeToken, confidence: 0.85, lowerCase };
  }
  // Lower-case names (`4417 s wood st`) only with a common type and a hint that this is a street.
  const abbreviated = typeToken.key.length <= 4;
  const hinted = directional || abbreviated || words.some((t) => isOrdinal(t));
  if (!STRONG_TYPES.has(type) || !hinted) return undefined;
  return { last: lastType, type, typeToken, confidence: 0.75, lowerCase };
}

/** `N`, `NW` right after the type, at the end of the street. */
function postDirectionalAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined || t.joined || t.kind !== 'word' || t.text !== t.text.toUpperCase()) return -1;
  const match = DIRECTIONALS.match(ts, i);
  if (match === undefined || match.next !== i + 1) return -1;
  const after = sameLine(ts, i + 1);
  return after === undefined || after.kind === 'punct' ? i : -1;
}

const SPANISH_ARTICLES: ReadonlySet<string> = new Set(['el', 'la', 'los', 'las']);

/**
 * Skips `de la`, `del`, `de` between a number and the street (`3327 de la W 55th St`), and an
 * article before a Spanish street word (`1234 El Camino Real`).
 */
function afterSpanishConnector(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined) return i;
  if (SPANISH_ARTICLES.has(t.key)) return STREET_PREFIXES.match(ts, i + 1) === undefined ? i : i + 1;
  if (t.key === 'del') return i + 1;
  if (t.key !== 'de') return i;
  const article = sameLine(ts, i + 1)?.key;
  return article !== undefined && SPANISH_ARTICLES.has(article) && article !== 'el' ? i + 2 : i + 1;
}

function usStreet(ts: Tokens, at: number): { street: Street; directional?: string; nameStart: number } | undefined {
  const directional = DIRECTIONALS.match(ts, at);
  if (directional !== undefined && sameLine(ts, at) !== undefined) {
    const nameStart = afterPeriod(ts, directional.next - 1);
    const street = streetAt(ts, nameStart, true);
    if (street !== undefined) return { street, directional: directional.value, nameStart };
  }
  const street = streetAt(ts, at, false);
  return street === undefined ? undefined : { street, nameStart: at };
}

/** `the 3500 block of South Halsted`: after `block of`, a capitalized name is enough. */
function parseBlockWithoutType(ts: Tokens, i: number, number: string, at: number): AddressMatch | undefined {
  const directional = DIRECTIONALS.match(ts, at);
  const nameStart = directional === undefined ? at : afterPeriod(ts, directional.next - 1);
  const last = placeWordsAt(ts, nameStart);
  if (last < 0 || STATE_CODES.match(ts, nameStart) !== undefined) return undefined;
  return {
    first: i,
    last,
    rule: 'street-address.us-block',
    confidence: 0.75,
    subtype: 'block',
    canonical: canonicalOf([`${number} block`, directional?.value, ...wordsOf(ts, nameStart, last)]),
  };
}

/** An address that starts with its house number. */
export function parseNumberFirst(ts: Tokens, i: number): AddressMatch | undefined {
  if (!isHouseNumber(ts, i)) return undefined;
  const numberEnd = hyphenatedNumberEnd(ts, i);
  if (sameLine(ts, numberEnd + 1) === undefined) return undefined;
  const number = ts.slice(i, numberEnd + 1).map((t) => t.key).join('');
  let at = numberEnd + 1;
  const block = BLOCK_PHRASES.match(ts, at);
  if (block !== undefined) at = block.next;
  else if (MEASURES.match(ts, at) !== undefined) return undefined;
  const afterConnector = afterSpanishConnector(ts, at);
  if (sameLine(ts, afterConnector) !== undefined && STREET_PREFIXES.match(ts, afterConnector) !== undefined) {
    // `654 Rua Ana Caciola 1159`: the street carries its own number, so this one is not it.
    if (parsePrefixed(ts, afterConnector) !== undefined) return undefined;
    return parseNumberThenPrefix(ts, i, number, afterConnector);
  }
  const found = usStreet(ts, afterConnector);
  if (found === undefined) return block === undefined ? undefined : parseBlockWithoutType(ts, i, number, at);
  // After `de` only a written-out street continues (`3327 de la W 55th St`), not `12 de octubre Av`.
  if (afterConnector !== at && found.street.lowerCase) return undefined;
  const { street, directional, nameStart } = found;
  let end = street.last;
  const postDirectional = postDirectionalAt(ts, afterPeriod(ts, end));
  if (postDirectional >= 0) end = postDirectional;
  // A period after the type belongs to the address only when more of the address follows it.
  const withPeriod = afterPeriod(ts, end) - 1;
  let units = unitsAfter(ts, withPeriod, 'us');
  let tail = tailAfter(ts, units, 'us');
  if (tail.last === withPeriod && withPeriod > end) {
    units = unitsAfter(ts, end, 'us');
    tail = tailAfter(ts, units, 'us');
  }
  const names = wordsOf(ts, nameStart, street.last - 1);
  const canonical = canonicalOf([
    block === undefined ? number : `${number} block`,
    directional,
    ...names,
    street.type,
    postDirectional >= 0 ? ts[postDirectional]?.key : undefined,
    tail.postcode?.slice(0, 5),
  ]);
  const confidence = block !== undefined ? 0.8 : tail.last > units ? street.confidence + 0.05 : street.confidence;
  return {
    first: i,
    last: tail.last,
    rule: block === undefined ? 'street-address.us' : 'street-address.us-block',
    confidence,
    canonical,
    ...(block === undefined ? {} : { subtype: 'block' }),
  };
}
