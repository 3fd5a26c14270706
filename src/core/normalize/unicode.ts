import { MappedTextBuilder, type MappedText } from './mapped-text.js';

/**
 * Invisible characters doxxers insert between digits or letters to slip past filters:
 * format controls (zero-width space/joiners, bidi embeddings and isolates, soft hyphen, BOM,
 * tag characters), variation selectors and combining grapheme joiner.
 */
const INVISIBLE = /[\p{Cf}\u034F\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u115F\u1160\u3164\uFFA0]/u;

/** A base code point followed by its combining marks: the unit NFKC may compose. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/** NFKC per cluster (so every output unit maps to its own cluster) and removal of invisibles. */
export function nfkcAndStripInvisible(source: MappedText): MappedText {
  const text = source.text;
  const builder = new MappedTextBuilder(source);
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(text); m !== null; m = CLUSTER.exec(text)) {
    const from = m.index;
    const to = from + m[0].length;
    const cluster = m[0];
    if (INVISIBLE.test(cluster)) {
      // Keep any visible parts of the cluster (e.g. a letter followed by a variation selector).
      const visible = Array.from(cluster).filter((ch) => !INVISIBLE.test(ch)).join('');
      if (visible.length > 0) builder.replace(from, to, visible.normalize('NFKC'));
      continue;
    }
    const isAscii = cluster.length === 1 && cluster.charCodeAt(0) < 0x80;
    if (isAscii) {
      builder.copy(from, to);
      continue;
    }
    const normalized = cluster.normalize('NFKC');
    if (normalized === cluster) builder.copy(from, to);
    else builder.replace(from, to, normalized);
  }
  return builder.build();
}
