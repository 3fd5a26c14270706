import { canonicalOf, type AddressMatch } from './match.js';
import { postcodeAt, sameLine, type Tokens } from './parts.js';
import { MILITARY_BOXES, MILITARY_POST_OFFICES, MILITARY_REGIONS, SHIP_PREFIXES } from './vocabulary.js';

/**
 * US military mail, the one US form without a street: `PSC 4355, Box 4187, APO AP 28906`,
 * `Unit 8524 Box 0979 DPO AA 56703`, `USS Mahler FPO AA 70489`; the last part may start a
 * new line, as on an envelope.
 */

const isNumber = (ts: Tokens, i: number): boolean => sameLine(ts, i)?.kind === 'num';

/** `PSC 4355, Box 4187` or `USS Mahler`: index of its last token, or -1. */
function unitOrShipAt(ts: Tokens, i: number): number {
  const box = MILITARY_BOXES.match(ts, i);
  if (box !== undefined) {
    if (!isNumber(ts, box.next)) return -1;
    let j = box.next + 1;
    if (sameLine(ts, j)?.text === ',') j++;
    return sameLine(ts, j)?.key === 'box' && isNumber(ts, j + 1) ? j + 1 : -1;
  }
  const ship = SHIP_PREFIXES.match(ts, i);
  if (ship === undefined) return -1;
  let last = -1;
  for (let j = ship.next; j < ship.next + 3 && sameLine(ts, j)?.kind === 'word'; j++) last = j;
  return last;
}

export function parseMilitary(ts: Tokens, i: number): AddressMatch | undefined {
  const unit = unitOrShipAt(ts, i);
  if (unit < 0) return undefined;
  let j = unit + 1;
  if (sameLine(ts, j)?.text === ',') j++;
  const office = ts[j] === undefined ? undefined : MILITARY_POST_OFFICES.match(ts, j);
  const region = office === undefined || sameLine(ts, office.next) === undefined ? undefined : MILITARY_REGIONS.match(ts, office.next);
  if (office === undefined || region === undefined) return undefined;
  const zip = postcodeAt(ts, region.next);
  if (zip < 0) return undefined;
  const words = ts.slice(i, unit + 1).filter((t) => t.kind !== 'punct').map((t) => t.key);
  return {
    first: i,
    last: zip,
    rule: 'street-address.us-military',
    confidence: 0.85,
    canonical: canonicalOf([...words, office.value, region.value, ts[region.next]?.text]),
  };
}
