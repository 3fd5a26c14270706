import type { DetectedSpan, Detector } from './detector.js';
import type { NormalizedText } from '../normalize/normalize.js';
import { compileWords } from '../lexicon/lexicon.js';
import { lastWordEnd } from './nearest-word.js';
import versionContext from '../lexicon/version-context.json' with { type: 'json' };

/**
 * IP addresses. IPv4: four dot-separated octets 0–255 written without leading zeros, not part
 * of a longer dotted number (1.2.3.4.5) and not a version number (`v1.2.3.4`, `version 10.0.19041.1`).
 * IPv6: eight hex groups, or fewer with one `::`, checked in code.
 */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\p{L}\\p{N}_.])${OCTET}(?:\\.${OCTET}){3}(?![\\p{N}_]|\\.\\d)`, 'gu');
/** Hex groups joined by colons; the shape (group count, one `::`) is checked in code. */
const IPV6 = /(?<![\p{L}\p{N}_:.])(?:[\da-f]{1,4}|:)(?::[\da-f]{0,4}){1,7}(?![\p{L}\p{N}_:])/giu;
const HAS_DOTTED_DIGITS = /\d\.\d/;
const HEX_GROUP = /^[\da-f]{1,4}$/i;
const DIGIT = /\d/;

const VERSION_WORDS = compileWords(versionContext);
const VERSION_WINDOW = 16;

/** `version 1.2.3.4`, `build 10.0.0.1`: a label right before the number names a version. (`v1.2.3.4` never matches: a letter touches it.) */
function isVersion(text: string, start: number): boolean {
  return lastWordEnd(VERSION_WORDS, text, start - VERSION_WINDOW, start) >= 0;
}

/** Eight groups, or at most seven with exactly one `::`; at least one digit so words like `cafe:bad` stay out. */
function isIpv6(candidate: string): boolean {
  if (!DIGIT.test(candidate)) return false;
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? groups.length >= 2 && groups.length <= 7 : groups.length === 8;
}

/** Every IPv6 address has a digit and at least two colons (`::`, or seven between eight groups). */
function mayHoldIpv6(text: string): boolean {
  let colons = 0;
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) colons++;
    else if (c >= 48 && c <= 57) digit = true;
    if (digit && colons >= 2) return true;
  }
  return false;
}

export const ipAddressDetector: Detector = {
  id: 'ip-address',
  types: ['ip_address'],
  detect(input: NormalizedText): DetectedSpan[] {
    const text = input.text;
    const found: DetectedSpan[] = [];
    if (HAS_DOTTED_DIGITS.test(text)) {
      IPV4.lastIndex = 0;
      for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
        if (isVersion(text, m.index)) continue;
        found.push({
          type: 'ip_address',
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.9,
          rule: 'ip-address.v4',
          subtype: 'ipv4',
          canonical: m[0],
        });
      }
    }
    if (mayHoldIpv6(text)) {
      IPV6.lastIndex = 0;
      for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
        if (!isIpv6(m[0])) continue;
        found.push({
          type: 'ip_address',
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.85,
          rule: 'ip-address.v6',
          subtype: 'ipv6',
          canonical: m[0].toLowerCase(),
        });
      }
    }
    return found;
  },
};
