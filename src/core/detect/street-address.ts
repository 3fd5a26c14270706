import type { DetectedSpan, Detector } from './detector.js';
import type { NormalizedText } from '../normalize/normalize.js';
import { parseKilometre, parseLot, parsePrefixed } from './street-address/es.js';
import {
  BLOCK_LOCATOR,
  KILOMETRE,
  LOT_LOCATOR,
  MILITARY_BOXES,
  SHIP_PREFIXES,
  STREET_PREFIXES,
} from './street-address/vocabulary.js';
import { findIntersections } from './street-address/intersection.js';
import type { AddressMatch } from './street-address/match.js';
import { tokenize, type Token } from './street-address/tokens.js';
import { parseMilitary } from './street-address/military.js';
import { parseNumberFirst } from './street-address/us.js';

/**
 * Street addresses: US (`4417 S Wood St, Chicago, IL 60609`, `1800 block of W 35th St`,
 * `PSC 4355, Box 4187, APO AP 28906`) and
 * Mexican/Spanish (`Calle Río Lerma 233, Col. Cuauhtémoc, CDMX`, `C/ Alcalá 45, 28014 Madrid`,
 * `Mz 12 Lt 5`, `Km 3.5 Carretera a …`). The text is split into tokens once and a small
 * grammar (street-address/) is tried at each token; every step moves forward, so the cost is
 * linear in the length of the post. Intersections (`26th and Kedzie`) come out as a
 * low-confidence `location`. A street name without a number (`lives on Karlov`) is not
 * reported at all: it does not locate a home, and streets named in reports of public activity
 * (`checkpoint on Cermak`) must not add findings.
 */

/**
 * Every address has a digit or `s/n` / `sin número`. Posts with none of these and no corner cue
 * (`esquina`, `corner`, `&`, `/`) are skipped untokenized, so an intersection named only by two
 * typed streets in a digit-free post (`Ridge Ave and Clark St`) is not looked for.
 */
const CUE_WORD = /sin n|corner|esquina|esq|cruce|intersection/i;

function hasCue(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 38 || c === 47) return true;
  }
  return CUE_WORD.test(text);
}

/** First tokens of the address forms that start with a word (`Calle`, `C/`, `Mz`, `Km`). */
const WORD_ANCHORS: ReadonlySet<string> = new Set([
  ...STREET_PREFIXES.firstForms(),
  ...BLOCK_LOCATOR.firstForms(),
  ...LOT_LOCATOR.firstForms(),
  ...KILOMETRE.firstForms(),
  ...MILITARY_BOXES.firstForms(),
  ...SHIP_PREFIXES.firstForms(),
]);

function addressAt(ts: readonly Token[], i: number): AddressMatch | undefined {
  const t = ts[i];
  if (t === undefined) return undefined;
  if (t.kind === 'num' || t.kind === 'alnum') return parseNumberFirst(ts, i);
  if (!WORD_ANCHORS.has(t.key)) return undefined;
  return parsePrefixed(ts, i) ?? parseLot(ts, i) ?? parseKilometre(ts, i) ?? parseMilitary(ts, i);
}

function findAddresses(ts: readonly Token[]): AddressMatch[] {
  const found: AddressMatch[] = [];
  for (let i = 0; i < ts.length; ) {
    const match = addressAt(ts, i);
    if (match === undefined) {
      i++;
      continue;
    }
    found.push(match);
    i = match.last + 1;
  }
  return found;
}

function toSpan(ts: readonly Token[], m: AddressMatch, type: DetectedSpan['type']): DetectedSpan {
  return {
    type,
    start: ts[m.first]?.start ?? 0,
    end: ts[m.last]?.end ?? 0,
    confidence: Math.round(m.confidence * 100) / 100,
    rule: m.rule,
    ...(m.subtype === undefined ? {} : { subtype: m.subtype }),
    canonical: m.canonical,
  };
}

export const streetAddressDetector: Detector = {
  id: 'street-address',
  types: ['street_address', 'location'],
  detect(input: NormalizedText): DetectedSpan[] {
    if (!hasCue(input.text)) return [];
    const ts = tokenize(input.text);
    const addresses = findAddresses(ts);
    const spans = addresses.map((m) => toSpan(ts, m, 'street_address'));
    for (const m of findIntersections(ts, addresses)) spans.push(toSpan(ts, m, 'location'));
    return spans;
  },
};
