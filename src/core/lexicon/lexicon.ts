/** A word list per language, kept in a JSON data file beside this module. */
export interface Lexicon {
  readonly en: readonly string[];
  readonly es: readonly string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles the words of every language into one whole-word, case-insensitive pattern.
 * Spaces in an entry match any run of whitespace. An alternation of literals is linear-time.
 */
export function compileWords(lexicon: Lexicon, flags = 'giu'): RegExp {
  const words = [...new Set([...lexicon.en, ...lexicon.es])].sort((a, b) => b.length - a.length);
  const body = words.map((w) => escape(w).replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, flags);
}

/** True when `pattern` (see compileWords) matches within `window` code units before `start`. */
export function occursBefore(text: string, start: number, pattern: RegExp, window: number): boolean {
  return test(pattern, text.slice(Math.max(0, start - window), start));
}

/** True when `pattern` matches within `window` code units after `end`. */
export function occursAfter(text: string, end: number, pattern: RegExp, window: number): boolean {
  return test(pattern, text.slice(end, end + window));
}

function test(pattern: RegExp, s: string): boolean {
  pattern.lastIndex = 0;
  const hit = pattern.test(s);
  pattern.lastIndex = 0;
  return hit;
}
