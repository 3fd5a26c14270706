import type { Lexicon } from '../lexicon/lexicon.js';

const SPACE = /\s/;
const SPECIAL = /[$()*+.?[\\\]^{|}]/g;

/**
 * A cheap pre-check for a `compileWords` pattern: matches when the first word of some entry
 * occurs anywhere in the text, ignoring case. When it does not match, the lexicon cannot match
 * either, and the slower whole-word pattern need not run.
 */
export function compileHint(...lexicons: Lexicon[]): RegExp {
  const prefixes = new Set<string>();
  for (const lexicon of lexicons) {
    for (const entry of [...lexicon.en, ...lexicon.es]) {
      const space = entry.search(SPACE);
      prefixes.add((space < 0 ? entry : entry.slice(0, space)).toLowerCase());
    }
  }
  const body = [...prefixes].map((p) => p.replace(SPECIAL, '\\$&')).join('|');
  return new RegExp(body, 'i');
}
