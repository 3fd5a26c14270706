import { canonicalOf, wordsOf, type AddressMatch } from './match.js';
import {
  afterPeriod,
  isWholeNumber,
  joinedAt,
  sameLine,
  tailAfter,
  unitsAfter,
  type Tokens,
} from './parts.js';
import {
  AREA_PREFIXES,
  BLOCK_LOCATOR,
  CONNECTORS,
  CORNER_WORDS,
  ES_UNIT_WORDS,
  ES_UNITS_WITHOUT_ID,
  HIGHWAY_WORDS,
  KILOMETRE,
  LOT_LOCATOR,
  MEASURES,
  NO_NUMBER,
  NOT_PLACE,
  NUMBER_MARKERS,
  ORIENTATIONS,
  POSTCODE_MARKERS,
  STREET_PREFIXES,
} from './vocabulary.js';

/**
 * Mexican and Spanish addresses: a street prefix, the name, then the number
 * (`Calle Río Lerma 233`, `Av. Insurgentes Sur 1602 int. 4`, `C/ Alcalá, 45, 3º B`,
 * `Paseo Dr. Begiristain, s/n`, `Andador 7 Mz 12 Lt 5`, `Ctra. de Toledo, Km 12,5`),
 * and the locators that stand on their own (`Mz 12 Lt 5`, `Km 3.5 Carretera a …`).
 */

interface Span {
  readonly last: number;
  readonly value: string;
}

const HOUSE_NUMBER = /^\d{1,5}(\p{L}{0,2})$/u;

/** `57`, `43AA`, `20B`; not `5pm` or `10k`. */
function isNumberStart(ts: Tokens, i: number): boolean {
  const t = sameLine(ts, i);
  if (t === undefined || (t.kind !== 'num' && t.kind !== 'alnum')) return false;
  const suffix = HOUSE_NUMBER.exec(t.key)?.[1];
  return suffix !== undefined && (suffix === '' || !MEASURES.hasForm(suffix));
}

/** `Mz 12 Lt 5`, `Manzana 12, Lote 5` (both parts, in either order). */
function lotAt(ts: Tokens, i: number): Span | undefined {
  const first = BLOCK_LOCATOR.match(ts, i) ?? LOT_LOCATOR.match(ts, i);
  if (first === undefined) return undefined;
  const firstNumber = afterPeriod(ts, first.next - 1);
  if (!isNumberStart(ts, firstNumber)) return undefined;
  let j = firstNumber + 1;
  if (sameLine(ts, j)?.text === ',') j++;
  if (sameLine(ts, j) === undefined) return undefined;
  const second = (BLOCK_LOCATOR.match(ts, i) === undefined ? BLOCK_LOCATOR : LOT_LOCATOR).match(ts, j);
  if (second === undefined) return undefined;
  const secondNumber = afterPeriod(ts, second.next - 1);
  if (!isNumberStart(ts, secondNumber)) return undefined;
  const value = `${first.value} ${ts[firstNumber]?.key ?? ''} ${second.value} ${ts[secondNumber]?.key ?? ''}`;
  return { last: secondNumber, value: value.replace(/\./g, '') };
}

/** `Km 3.5`, `Km. 12,500`. */
function kilometreAt(ts: Tokens, i: number): Span | undefined {
  const km = KILOMETRE.match(ts, i);
  if (km === undefined) return undefined;
  const at = afterPeriod(ts, km.next - 1);
  const whole = sameLine(ts, at);
  if (whole?.kind !== 'num') return undefined;
  const sep = joinedAt(ts, at + 1);
  const fraction = joinedAt(ts, at + 2);
  const decimal = (sep?.text === '.' || sep?.text === ',') && fraction?.kind === 'num';
  const last = decimal ? at + 2 : at;
  return { last, value: `km ${whole.text}${decimal ? `.${fraction.text}` : ''}` };
}

/** The house number or what stands for it: `57`, `43AA-30`, `no. 5`, `#38`, `s/n`, `Km 3.5`, `Mz 12 Lt 5`. */
function spanishNumberAt(ts: Tokens, i: number): Span | undefined {
  if (sameLine(ts, i) === undefined) return undefined;
  const none = NO_NUMBER.match(ts, i);
  if (none !== undefined) return { last: none.next - 1, value: 's/n' };
  const locator = kilometreAt(ts, i) ?? lotAt(ts, i);
  if (locator !== undefined) return locator;
  const marker = NUMBER_MARKERS.match(ts, i);
  let j = marker === undefined ? i : marker.next;
  if (marker !== undefined && (sameLine(ts, j)?.text === ':' || sameLine(ts, j)?.text === '.')) j++;
  if (!isNumberStart(ts, j)) return undefined;
  const number = ts[j];
  if (number === undefined) return undefined;
  // Ranges and Colombian plates: `340-350`, `47-33`, `43AA- 30`.
  const dash = joinedAt(ts, j + 1);
  const rest = sameLine(ts, j + 2);
  if (dash?.text === '-' && rest?.kind === 'num' && rest.text.length <= 4) {
    return { last: j + 2, value: `${number.key}-${rest.key}` };
  }
  // A letter after a dash: `12-A`, `#123-B`.
  const letter = joinedAt(ts, j + 2);
  if (dash?.text === '-' && letter?.kind === 'word' && letter.text.length === 1 && letter.capitalized) {
    return { last: j + 2, value: `${number.key}-${letter.key}` };
  }
  const measured = sameLine(ts, j + 1) !== undefined && MEASURES.match(ts, j + 1) !== undefined;
  if (!isWholeNumber(ts, j) || measured) return undefined;
  return { last: j, value: number.key };
}

/** A number right after the prefix is the street's own name when more name follows it. */
function isNumberedStreet(ts: Tokens, i: number): boolean {
  const next = sameLine(ts, i + 1);
  if (next === undefined || next.joined) return false;
  const marker = NUMBER_MARKERS.match(ts, i + 1);
  if (marker !== undefined) return isNumberStart(ts, afterPeriod(ts, marker.next - 1));
  if (next.kind !== 'word') return false;
  if (BLOCK_LOCATOR.match(ts, i + 1) !== undefined) return true;
  if (next.key === 'de') return sameLine(ts, i + 2)?.kind === 'word';
  return next.capitalized && AREA_PREFIXES.match(ts, i + 1) === undefined && !isUnitWord(ts, i + 1);
}

function isUnitWord(ts: Tokens, i: number): boolean {
  return (
    ES_UNIT_WORDS.match(ts, i) !== undefined ||
    ES_UNITS_WITHOUT_ID.match(ts, i) !== undefined ||
    BLOCK_LOCATOR.match(ts, i) !== undefined ||
    LOT_LOCATOR.match(ts, i) !== undefined
  );
}

interface StreetName {
  readonly last: number;
  /** A lower-case word other than a connector: weaker evidence (`Calle la bañeza`). */
  readonly lowerCase: boolean;
}

/** The name after a prefix: `Río Lerma`, `5 de Mayo`, `de la Paz`, `Dr. Begiristain`. */
function streetNameAt(ts: Tokens, i: number): StreetName | undefined {
  let last = -1;
  let words = 0;
  let lowerCase = false;
  for (let j = i; words < 7; ) {
    const t = sameLine(ts, j);
    if (t === undefined) break;
    // `C/Montevideo`: only the prefix may touch the name.
    if (t.joined && (j > i || t.kind === 'punct')) break;
    if (t.kind === 'num') {
      if (words > 0 || !isNumberedStreet(ts, j)) break;
    } else if (t.kind !== 'word') {
      break;
    } else if (CONNECTORS.has(t.key) && !t.capitalized) {
      const next = sameLine(ts, j + 1);
      if (next === undefined || next.joined || next.kind === 'punct') break;
      if (next.kind === 'num' && !isNumberedStreet(ts, j + 1)) break;
      j++;
      continue;
    } else if (
      (NUMBER_MARKERS.match(ts, j) !== undefined && isNumberStart(ts, afterPeriod(ts, j))) ||
      NO_NUMBER.match(ts, j) !== undefined ||
      KILOMETRE.match(ts, j) !== undefined ||
      (words > 0 && isUnitWord(ts, j) && isNumberStart(ts, afterPeriod(ts, j)))
    ) {
      break;
    } else if (!t.capitalized) {
      if (NOT_PLACE.has(t.key) || MEASURES.match(ts, j) !== undefined) break;
      lowerCase = true;
    }
    last = j;
    words++;
    // Abbreviated titles inside names: `Paseo Dr. Begiristain`, `Av. Gral. Anaya`.
    const dot = joinedAt(ts, j + 1);
    const after = sameLine(ts, j + 2);
    if (dot?.text === '.' && t.capitalized && t.text.length <= 4 && after?.kind === 'word' && after.capitalized && !after.joined) {
      j += 2;
      continue;
    }
    j++;
  }
  return last < 0 ? undefined : { last, lowerCase };
}

/**
 * Nothing after the number suggests it counts something: a lower-case content word there
 * makes it a quantity (`Avenida principal tiene 3 carriles`, `Carrera 23 points`).
 */
function endsQuietly(ts: Tokens, i: number): boolean {
  const t = sameLine(ts, i);
  if (t === undefined || t.kind !== 'word' || t.capitalized || NOT_PLACE.has(t.key)) return true;
  return (
    isUnitWord(ts, i) ||
    CORNER_WORDS.match(ts, i) !== undefined ||
    AREA_PREFIXES.match(ts, i) !== undefined ||
    ORIENTATIONS.match(ts, i) !== undefined ||
    POSTCODE_MARKERS.match(ts, i) !== undefined
  );
}

/** Orientation after the number (`400 Pte`), then units and the tail. */
function finish(ts: Tokens, first: number, numberLast: number, confidence: number, parts: string[], rule: string): AddressMatch {
  const orientation = ORIENTATIONS.match(ts, numberLast + 1);
  const afterNumber = orientation !== undefined && sameLine(ts, numberLast + 1) !== undefined ? orientation.next - 1 : numberLast;
  const units = unitsAfter(ts, afterNumber, 'es');
  const tail = tailAfter(ts, units, 'es');
  return {
    first,
    last: tail.last,
    rule,
    confidence: tail.last > units ? confidence + 0.05 : confidence,
    canonical: canonicalOf([...parts, tail.postcode]),
  };
}

/** `Calle Hidalgo 57, Col. Centro, Pachuca`: an address that starts with a street prefix. */
export function parsePrefixed(ts: Tokens, i: number): AddressMatch | undefined {
  const prefix = STREET_PREFIXES.match(ts, i);
  const head = ts[i];
  if (prefix === undefined || head === undefined) return undefined;
  const name = streetNameAt(ts, prefix.next);
  if (name === undefined) return undefined;
  let j = name.last + 1;
  if (sameLine(ts, j)?.text === ',') j++;
  const number = spanishNumberAt(ts, j);
  if (number === undefined) return undefined;
  // `la carretera a Monterrey, km 14` places an event on a road; a written address capitalizes it.
  if (!head.capitalized && number.value.startsWith('km')) return undefined;
  if (!endsQuietly(ts, number.last + 1)) return undefined;
  const street = [prefix.value, ...wordsOf(ts, prefix.next, name.last)];
  const confidence = !name.lowerCase ? 0.85 : head.capitalized ? 0.75 : 0.7;
  return finish(ts, i, number.last, confidence, [number.value, ...street], 'street-address.es');
}

/**
 * A Spanish street after the number, as written in US Spanish-speaking areas
 * (`1122 Calle del Sol`, `4410 de la Avenida Juárez`): `i` is the prefix.
 */
export function parseNumberThenPrefix(ts: Tokens, first: number, numberValue: string, i: number): AddressMatch | undefined {
  const prefix = STREET_PREFIXES.match(ts, i);
  const head = ts[i];
  if (prefix === undefined || head === undefined) return undefined;
  const name = streetNameAt(ts, prefix.next);
  if (name === undefined || name.lowerCase) return undefined;
  const street = [prefix.value, ...wordsOf(ts, prefix.next, name.last)];
  return finish(ts, first, name.last, 0.85, [numberValue, ...street], 'street-address.es');
}

/** `Mz 12 Lt 5, Col. …` on its own. */
export function parseLot(ts: Tokens, i: number): AddressMatch | undefined {
  const lot = lotAt(ts, i);
  if (lot === undefined) return undefined;
  return finish(ts, i, lot.last, 0.8, [lot.value], 'street-address.mx-lot');
}

/** `Km 3.5 Carretera a Tlaquepaque`. */
export function parseKilometre(ts: Tokens, i: number): AddressMatch | undefined {
  const km = kilometreAt(ts, i);
  if (km === undefined) return undefined;
  const road = sameLine(ts, km.last + 1) === undefined ? undefined : HIGHWAY_WORDS.match(ts, km.last + 1);
  if (road === undefined) return undefined;
  const name = streetNameAt(ts, road.next);
  if (name === undefined) return undefined;
  const parts = [km.value, road.value.replace(/\./g, ''), ...wordsOf(ts, road.next, name.last)];
  return finish(ts, i, name.last, 0.8, parts, 'street-address.km');
}
