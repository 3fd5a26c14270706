import type { Token } from './tokens.js';
import {
  AREA_PREFIXES,
  BLOCK_LOCATOR,
  CORNER_WORDS,
  COUNTRIES,
  ES_UNIT_WORDS,
  ES_UNITS_WITHOUT_ID,
  LOT_LOCATOR,
  MX_STATES,
  NOT_PLACE,
  PLACE_CONNECTORS,
  POSTCODE_MARKERS,
  SPELLED_ORDINALS,
  STATE_CODES,
  STATE_NAMES,
  STREET_PREFIXES,
  US_UNIT_WORDS,
  US_UNITS_WITHOUT_ID,
} from './vocabulary.js';

/**
 * Pieces shared by the US and Spanish-language grammars: units after the house number
 * (`Apt 3B`, `int. 4`, `2º-A`) and the tail of towns, states and postcodes that follow
 * as part of the same address. Every function takes the token list and an index and returns
 * the index of the last token it consumed, or -1 when nothing matches there.
 */

export type Tokens = readonly Token[];

/** US units and tails, or Mexican/Spanish ones. */
export type Style = 'us' | 'es';

/** Token `i` when it exists and continues the current line. */
export function sameLine(ts: Tokens, i: number): Token | undefined {
  const t = ts[i];
  return t !== undefined && !t.newlineBefore ? t : undefined;
}

/** Token `i` when it is glued to the previous one (`#2B`, `St.`). */
export function joinedAt(ts: Tokens, i: number): Token | undefined {
  const t = ts[i];
  return t?.joined === true ? t : undefined;
}

/** Index after a period glued to token `i` (`St.`), else `i + 1`. */
export function afterPeriod(ts: Tokens, i: number): number {
  return joinedAt(ts, i + 1)?.text === '.' ? i + 2 : i + 1;
}

const ORDINAL = /^\d{1,3}(?:st|nd|rd|th)$/i;

export function isOrdinal(t: Token | undefined): boolean {
  if (t === undefined) return false;
  return (t.kind === 'alnum' && ORDINAL.test(t.text)) || (t.kind === 'word' && SPELLED_ORDINALS.has(t.key));
}

/** A number that does not run on into more digits (`7.15`, `1,200`, `3/4`, `60609-12`). */
export function isWholeNumber(ts: Tokens, i: number): boolean {
  const next = joinedAt(ts, i + 1);
  if (next === undefined) return true;
  if (next.text === '%' || next.text === ':') return false;
  return next.kind !== 'punct' || joinedAt(ts, i + 2)?.kind !== 'num';
}

/** Where an address may stop: end of text or line, punctuation, a unit word or a postcode. */
function isBoundary(ts: Tokens, i: number): boolean {
  const t = sameLine(ts, i);
  if (t === undefined) return true;
  if (t.kind === 'punct') return t.text !== '-' && t.text !== '#';
  if (t.kind === 'num') return t.text.length === 5;
  return ES_UNIT_WORDS.match(ts, i) !== undefined || ES_UNITS_WITHOUT_ID.match(ts, i) !== undefined;
}

const UNIT_ID = /^(?:\d{1,6}|\d{1,4}\p{L}{1,2}|\p{L}\d{1,4}|\p{Lu}{1,2})$/u;

/** A unit number or letter: `12`, `3B`, `B`, `PH`, `204`, `3-B`. */
function unitIdAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined || t.kind === 'punct' || !UNIT_ID.test(t.text)) return -1;
  if (t.kind === 'word' && t.text.length > 1 && !t.capitalized) return -1;
  const dash = joinedAt(ts, i + 1);
  const rest = joinedAt(ts, i + 2);
  if (dash?.text === '-' && rest !== undefined && rest.kind !== 'punct' && UNIT_ID.test(rest.text)) return i + 2;
  return i;
}

/** A single letter standing for a door or side (`4 A`, `Bajo C`, `2.º-A`, `3, A`). */
function doorLetterAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  const glued = (t?.text === '-' && t.joined) || t?.text === ',' ? sameLine(ts, i + 1) : undefined;
  const letter = glued ?? t;
  const at = glued === undefined ? i : i + 1;
  if (letter === undefined || letter.kind !== 'word' || letter.text.length !== 1 || !letter.capitalized) return -1;
  return isBoundary(ts, at + 1) ? at : -1;
}

const FLOOR = /^\d{1,2}[oaºª]?\p{L}?$/u;
/** Ordinal indicators as written after a floor number: `2º`, `2.º`, `2°`, `10o`. */
const ORDINAL_MARKS: ReadonlySet<string> = new Set(['º', 'ª', '°', 'o', 'a']);

/** A Spanish floor and door: `3`, `4 A`, `5G`, `2.º-A`, `6º A`, `10o D`. */
function floorAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined || (t.kind !== 'num' && t.kind !== 'alnum') || !FLOOR.test(t.text)) return -1;
  let last = i;
  const next = joinedAt(ts, i + 1);
  const afterDot = joinedAt(ts, i + 2);
  if (t.kind === 'num' && next?.text === '°') last = i + 1;
  else if (t.kind === 'num' && next?.text === '.' && afterDot !== undefined && ORDINAL_MARKS.has(afterDot.key)) last = i + 2;
  const door = doorLetterAt(ts, last + 1);
  if (door >= 0) return door;
  return isBoundary(ts, last + 1) ? last : -1;
}

function usUnitAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined) return -1;
  if (t.text === '#') return unitIdAt(ts, i + 1);
  const word = US_UNIT_WORDS.match(ts, i);
  if (word !== undefined) {
    let j = afterPeriod(ts, word.next - 1);
    if (sameLine(ts, j)?.text === '#') j++;
    return unitIdAt(ts, j);
  }
  const bare = US_UNITS_WITHOUT_ID.match(ts, i);
  if (bare !== undefined) return bare.next - 1;
  // `2nd floor`, `3rd fl`
  const floorWord = sameLine(ts, i + 1) === undefined ? undefined : US_UNIT_WORDS.match(ts, i + 1);
  if (isOrdinal(t) && floorWord !== undefined && (floorWord.value === 'floor' || floorWord.value === 'fl')) {
    return afterPeriod(ts, floorWord.next - 1) - 1;
  }
  return -1;
}

function esUnitAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t === undefined) return -1;
  if (t.text === '#') return unitIdAt(ts, i + 1);
  const word = ES_UNIT_WORDS.match(ts, i) ?? BLOCK_LOCATOR.match(ts, i) ?? LOT_LOCATOR.match(ts, i);
  if (word !== undefined) {
    let j = afterPeriod(ts, word.next - 1);
    const mark = sameLine(ts, j);
    if (mark?.text === '#' || mark?.text === ':' || (mark?.text === '-' && joinedAt(ts, j + 1)?.kind === 'num')) j++;
    return unitIdAt(ts, j);
  }
  const bare = ES_UNITS_WITHOUT_ID.match(ts, i);
  if (bare !== undefined) {
    const more = ES_UNITS_WITHOUT_ID.match(ts, bare.next);
    if (more !== undefined) return more.next - 1;
    const door = doorLetterAt(ts, bare.next);
    return door >= 0 ? door : bare.next - 1;
  }
  const corner = CORNER_WORDS.match(ts, i);
  if (corner !== undefined) return cornerStreetAt(ts, afterPeriod(ts, corner.next - 1));
  return floorAt(ts, i);
}

/** The cross street after `esq.`: an optional prefix and a name (`esq. Av. Reforma`). */
function cornerStreetAt(ts: Tokens, i: number): number {
  const prefix = STREET_PREFIXES.match(ts, i);
  return placeWordsAt(ts, prefix === undefined ? i : prefix.next, { leadingConnector: true });
}

/** Units after the street or house number, each optionally after a comma (or a dash in Spanish). */
export function unitsAfter(ts: Tokens, last: number, style: Style): number {
  for (let n = 0; n < 4; n++) {
    let i = last + 1;
    const sep = sameLine(ts, i);
    if (sep?.text === ',' || (style === 'es' && sep?.text === '-')) i++;
    const unit = style === 'us' ? usUnitAt(ts, i) : esUnitAt(ts, i);
    if (unit < 0) break;
    last = unit;
  }
  return last;
}

/**
 * Words of a town, neighbourhood or state name: capitalized words, joined by lower-case
 * connectors (`San Nicolás de los Garza`) or hyphens (`Winston-Salem`).
 */
export function placeWordsAt(
  ts: Tokens,
  i: number,
  { leadingConnector = false, onNewLine = false, lowerCase = false } = {},
): number {
  let last = -1;
  let words = 0;
  for (let j = i; words < 5; ) {
    const t = onNewLine && j === i ? ts[j] : sameLine(ts, j);
    if (t === undefined) break;
    if (j > i && t.joined) {
      const next = joinedAt(ts, j + 1);
      if (t.text === '-' && last === j - 1 && next?.kind === 'word' && next.capitalized) {
        last = j + 1;
        j += 2;
        continue;
      }
      break;
    }
    if (t.kind !== 'word') break;
    if (PLACE_CONNECTORS.has(t.key)) {
      // One or two connectors, then a capitalized word: `de los Garza`, `La Paz`, `del Valle`.
      const second = sameLine(ts, j + 1);
      const skip = second !== undefined && !second.capitalized && PLACE_CONNECTORS.has(second.key) ? 2 : 1;
      const next = sameLine(ts, j + skip);
      const leads = last >= 0 || t.capitalized || leadingConnector;
      if (!leads || next === undefined || next.joined || next.kind !== 'word') break;
      if (!next.capitalized && !lowerCase) break;
      j += skip;
      continue;
    }
    if ((!t.capitalized && !lowerCase) || NOT_PLACE.has(t.key)) break;
    if (words > 0 && STATE_CODES.match(ts, j) !== undefined) break;
    if (STREET_PREFIXES.match(ts, j) !== undefined || US_UNIT_WORDS.match(ts, j) !== undefined) break;
    if (AREA_PREFIXES.match(ts, j) !== undefined || POSTCODE_MARKERS.match(ts, j) !== undefined) break;
    last = j;
    words++;
    j++;
  }
  return last;
}

/** A US ZIP (`60609`, `60609-1234`) or a five-digit postcode. */
export function postcodeAt(ts: Tokens, i: number): number {
  const t = sameLine(ts, i);
  if (t?.kind !== 'num' || t.text.length !== 5) return -1;
  const dash = joinedAt(ts, i + 1);
  const plus4 = joinedAt(ts, i + 2);
  if (dash?.text === '-' && plus4?.kind === 'num' && plus4.text.length === 4) return i + 2;
  return isWholeNumber(ts, i) ? i : -1;
}

function stateAt(ts: Tokens, i: number): number {
  if (sameLine(ts, i) === undefined) return -1;
  const match = STATE_CODES.match(ts, i) ?? STATE_NAMES.match(ts, i) ?? MX_STATES.match(ts, i);
  return match === undefined ? -1 : match.next - 1;
}

interface Segment {
  readonly last: number;
  readonly kind: 'postcode' | 'state' | 'area' | 'place' | 'country';
  readonly postcode?: string;
  /** The segment ends with a state (`Bell CA`): only a ZIP may follow. */
  readonly stated?: boolean;
}

/** `C.P. 06500`, `CP: 28905`, a bare five-digit code after a comma (`28014 Madrid`), or a ZIP. */
function postcodeSegment(ts: Tokens, i: number, comma: boolean, style: Style): Segment | undefined {
  const marker = POSTCODE_MARKERS.match(ts, i);
  let j = marker === undefined ? i : marker.next;
  if (marker !== undefined && (sameLine(ts, j)?.text === ':' || sameLine(ts, j)?.text === '.')) j++;
  const code = sameLine(ts, j);
  if (code?.kind !== 'num') return undefined;
  if (marker !== undefined) {
    if (code.text.length < 4 || code.text.length > 5 || !isWholeNumber(ts, j)) return undefined;
    return { last: j, kind: 'postcode', postcode: code.text };
  }
  const last = postcodeAt(ts, j);
  if (last < 0) return undefined;
  if (!comma && !isBoundary(ts, last + 1)) return undefined;
  const town = comma && style === 'es' ? placeWordsAt(ts, last + 1) : -1;
  return { last: Math.max(last, town), kind: 'postcode', postcode: code.text };
}

/** `IL 60609`, `N.L.`, `CDMX`, `Illinois`: a state after a comma, with an optional ZIP. */
function stateSegment(ts: Tokens, i: number): Segment | undefined {
  const last = stateAt(ts, i);
  if (last < 0) return undefined;
  // `Hidalgo del Parral` is a town; `Hidalgo` alone, or `N.L.` before a new sentence, a state.
  const after = sameLine(ts, last + 1);
  if (ts[last]?.kind === 'word' && after?.kind === 'word' && after.capitalized && !after.joined) return undefined;
  const zip = postcodeAt(ts, last + 1);
  if (zip < 0) return { last, kind: 'state' };
  return { last: zip, kind: 'state', postcode: ts[last + 1]?.text ?? '' };
}

/** `Spain`, `España 28014`, `USA`: the country closes the address, with an optional postcode. */
function countrySegment(ts: Tokens, i: number): Segment | undefined {
  const country = COUNTRIES.match(ts, i);
  if (country === undefined) return undefined;
  const last = country.next - 1;
  const after = sameLine(ts, last + 1);
  if (after?.kind === 'word' && after.capitalized) return undefined;
  const code = postcodeAt(ts, last + 1);
  if (code < 0) return { last, kind: 'country' };
  return { last: code, kind: 'country', postcode: ts[last + 1]?.text ?? '' };
}

/** `Col. Centro`, `colonia del Valle`, `Fracc. Las Palmas`. */
function areaSegment(ts: Tokens, i: number): Segment | undefined {
  const prefix = AREA_PREFIXES.match(ts, i);
  if (prefix === undefined) return undefined;
  // After an explicit `Col.`/`colonia` even a lower-case name is the colonia (`col centro`).
  const last = placeWordsAt(ts, prefix.next, { leadingConnector: true, lowerCase: true });
  return last < 0 ? undefined : { last, kind: 'area' };
}

/**
 * A town, with an optional state and ZIP after it (`Chicago`, `Bell CA`, `Chicago 60623`,
 * `The Woodlands TX 77380`). Without a comma before it, only the `City ST [ZIP]` form counts.
 */
function placeSegment(ts: Tokens, i: number, comma: boolean): Segment | undefined {
  const last = placeWordsAt(ts, i);
  if (last < 0) return undefined;
  const state = stateAt(ts, last + 1);
  if (state >= 0) {
    const zip = postcodeAt(ts, state + 1);
    if (zip < 0) return { last: state, kind: 'place', stated: true };
    return { last: zip, kind: 'place', postcode: ts[state + 1]?.text ?? '' };
  }
  if (!comma) return undefined;
  const zip = postcodeAt(ts, last + 1);
  return zip < 0 ? { last, kind: 'place' } : { last: zip, kind: 'place', postcode: ts[last + 1]?.text ?? '' };
}

/** A mailing label's last line after the street line: `Chicago, IL 60609`. */
function cityStateZipLineAt(ts: Tokens, i: number): Segment | undefined {
  const place = placeWordsAt(ts, i, { onNewLine: true });
  if (place < 0) return undefined;
  const j = sameLine(ts, place + 1)?.text === ',' ? place + 2 : place + 1;
  const state = sameLine(ts, j) === undefined ? undefined : STATE_CODES.match(ts, j);
  if (state === undefined) return undefined;
  const zip = postcodeAt(ts, state.next);
  return zip < 0 ? undefined : { last: zip, kind: 'place', postcode: ts[state.next]?.text ?? '' };
}

export interface Tail {
  readonly last: number;
  readonly postcode?: string;
}

/**
 * Town, colonia, state and postcode following the street as part of the same address.
 * Comma-separated segments are taken while they look like places; without a comma only a
 * `City ST ZIP` group, a colonia or a marked postcode continues the address. A town
 * mentioned in prose (`in Brookfield`) is never reached: `in` ends the address.
 */
export function tailAfter(ts: Tokens, last: number, style: Style): Tail {
  let plainPlaces = 0;
  let areas = 0;
  let states = 0;
  let closed = false;
  let postcode: string | undefined;
  for (let n = 0; n < 6; n++) {
    let i = last + 1;
    const comma = sameLine(ts, i)?.text === ',';
    if (comma) i++;
    if (sameLine(ts, i) === undefined) {
      const label = n === 0 && style === 'us' ? cityStateZipLineAt(ts, i) : undefined;
      if (label !== undefined) return { last: label.last, postcode: label.postcode };
      break;
    }
    const segment: Segment | undefined =
      (comma ? countrySegment(ts, i) : undefined) ??
      (closed ? undefined : postcodeSegment(ts, i, comma, style)) ??
      // `Oaxaca, Oax.`, `Washington, DC`: a city may share its state's name.
      (comma && states < 2 ? stateSegment(ts, i) : undefined) ??
      ((style === 'es' || comma) && !closed ? areaSegment(ts, i) : undefined) ??
      (states > 0 || (closed && style === 'us') ? undefined : placeSegment(ts, i, comma));
    if (segment === undefined) break;
    if (segment.kind === 'area' && ++areas > 3) break;
    if (segment.kind === 'place' && ++plainPlaces > (style === 'us' ? 1 : 2)) break;
    last = segment.last;
    if (segment.postcode !== undefined) postcode ??= segment.postcode;
    // After the postcode only a state, a country or (in Mexico) the city may follow.
    if (segment.kind === 'country' || (closed && segment.kind !== 'state')) break;
    closed ||= segment.postcode !== undefined;
    if (segment.kind === 'state' || segment.stated === true) states++;
  }
  return { last, postcode };
}
