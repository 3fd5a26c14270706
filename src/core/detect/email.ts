import type { DetectedSpan, Detector } from './detector.js';
import type { NormalizedText } from '../normalize/normalize.js';

/**
 * E-mail addresses. The normalizer has already folded obfuscations (`name [at] mail [dot] com`,
 * `arroba`/`punto`, spaced letters) into plain addresses, so one pattern serves both.
 *
 * Linear time: the local part starts only where the previous character cannot belong to it,
 * and the domain is dot-separated labels whose characters exclude the dot, so no two
 * quantifiers compete for the same characters.
 */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-](?:[\p{L}\p{N}_%+-]|\.(?=[\p{L}\p{N}_%+-]))*@[\p{L}\p{N}]+(?:-+[\p{L}\p{N}]+)*(?:\.[\p{L}\p{N}]+(?:-+[\p{L}\p{N}]+)*)+/gu;

/** A top-level domain: letters only (or an IDN `xn--` label). */
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[\p{L}\p{N}-]+)$/u;

/** Drops trailing labels that cannot be a top-level domain (`a@b.com.123`); undefined if none is left. */
function withTopLevelDomain(match: string): string | undefined {
  let address = match;
  for (;;) {
    const dot = address.lastIndexOf('.');
    if (dot < address.indexOf('@')) return undefined;
    if (TOP_LEVEL.test(address.slice(dot + 1))) return address;
    address = address.slice(0, dot);
  }
}

export const emailDetector: Detector = {
  id: 'email',
  types: ['email'],
  detect(input: NormalizedText): DetectedSpan[] {
    const text = input.text;
    if (!text.includes('@')) return [];
    const found: DetectedSpan[] = [];
    EMAIL.lastIndex = 0;
    for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
      const address = withTopLevelDomain(m[0]);
      if (address === undefined) continue;
      found.push({
        type: 'email',
        start: m.index,
        end: m.index + address.length,
        confidence: 0.95,
        rule: 'email.address',
        canonical: address.toLowerCase(),
      });
    }
    return found;
  },
};
