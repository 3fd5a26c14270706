import type { DetectedSpan } from '../detector.js';

const NOT_ALPHANUMERIC = /[^\dA-Z]/gi;

/** Upper-case letters and digits only: the form ids are compared in. */
export function canonicalId(value: string): string {
  return value.replace(NOT_ALPHANUMERIC, '').toUpperCase();
}

/** A gov_id span of `text` from `start` to `end`. */
export function govIdSpan(
  text: string,
  start: number,
  end: number,
  subtype: string,
  rule: string,
  confidence: number,
): DetectedSpan {
  return {
    type: 'gov_id',
    start,
    end,
    confidence,
    rule: `gov-id.${rule}`,
    subtype,
    canonical: canonicalId(text.slice(start, end)),
  };
}
