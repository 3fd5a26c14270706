import type { Detector } from './detector.js';
import { findCurps } from './gov-id/curp.js';
import { findLabelledIds } from './gov-id/labelled-id.js';
import { findSpanishIds } from './gov-id/spanish-id.js';
import { findSsns } from './gov-id/ssn.js';
import { findVoterKeys } from './gov-id/voter-key.js';

const DIGIT = /\d/;
/** SSNs, CURPs, voter keys, DNIs and NIEs all hold 5 digits in a row, or split by one separator. */
const FIVE_DIGITS = /\d[- .]?\d[- .]?\d[- .]?\d[- .]?\d/;

/**
 * Government identifiers: US SSN, Mexican CURP and INE voter key, Spanish DNI/NIE, and
 * passport and driver's licence numbers where labelled. Subtype = the kind of id.
 */
export const govIdDetector: Detector = {
  id: 'gov-id',
  types: ['gov_id'],
  detect({ text }) {
    if (!DIGIT.test(text)) return [];
    const labelled = findLabelledIds(text);
    if (!FIVE_DIGITS.test(text)) return labelled;
    return [...findSsns(text), ...findCurps(text), ...findVoterKeys(text), ...findSpanishIds(text), ...labelled];
  },
};
