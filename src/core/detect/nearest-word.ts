/**
 * Where the nearest lexicon word (a global pattern from compileWords) sits around a span, so a
 * label close to a number can outweigh one further away. The searched slice keeps one extra
 * character on each side so the patterns' word-boundary checks see the real neighbours.
 */

function* wordsWithin(pattern: RegExp, text: string, from: number, to: number): Generator<[number, number]> {
  const lo = Math.max(0, from);
  const hi = Math.min(text.length, to);
  const base = Math.max(0, lo - 1);
  const slice = text.slice(base, Math.min(text.length, hi + 1));
  pattern.lastIndex = 0;
  try {
    for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
      const start = base + m.index;
      const end = start + m[0].length;
      if (start >= lo && end <= hi) yield [start, end];
    }
  } finally {
    pattern.lastIndex = 0;
  }
}

/** End offset of the last match of `pattern` lying inside text[from, to), or -1. */
export function lastWordEnd(pattern: RegExp, text: string, from: number, to: number): number {
  let last = -1;
  for (const [, end] of wordsWithin(pattern, text, from, to)) last = end;
  return last;
}

/** Start offset of the first match of `pattern` lying inside text[from, to), or -1. */
export function firstWordStart(pattern: RegExp, text: string, from: number, to: number): number {
  for (const [start] of wordsWithin(pattern, text, from, to)) return start;
  return -1;
}
