import type { Tokens } from './parts.js';

/** One address found in the token list. */
export interface AddressMatch {
  /** Index of the first and last token of the address. */
  readonly first: number;
  readonly last: number;
  readonly rule: string;
  readonly confidence: number;
  readonly subtype?: string;
  /** `number street postcode`, lower case, accents folded, street type abbreviated. */
  readonly canonical: string;
}

/** The folded words of tokens `from..to` (inclusive), without punctuation. */
export function wordsOf(ts: Tokens, from: number, to: number): string[] {
  const words: string[] = [];
  for (let i = from; i <= to; i++) {
    const t = ts[i];
    if (t !== undefined && t.kind !== 'punct') words.push(t.key);
  }
  return words;
}

export function canonicalOf(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' ');
}
