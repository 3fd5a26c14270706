import { MappedTextBuilder, type MappedText } from './mapped-text.js';

/**
 * Characters doxxers insert between digits or letters to slip past filters, all removed:
 * default-ignorable code points (zero-width space and joiners, bidi controls, soft hyphen, BOM,
 * variation selectors, Hangul and Khmer fillers, tag characters), other format controls, the
 * blank Braille pattern, and enclosing marks (the keycap of 7️⃣ leaves a plain 7).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Me}\u2800]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/**
 * The stretches NFKC can change: a non-ASCII code point with its combining marks, or an ASCII
 * character followed by combining marks (e + U+0301 → é). Pure ASCII between them is copied.
 * A cluster holds at most 31 marks, so "Zalgo" text of thousands of marks costs linear time.
 */
const NON_ASCII_CLUSTER = /[^\0-\x7F]\p{M}{0,31}|[\0-\x7F]\p{M}{1,31}/gu;

/**
 * Spanish ordinal indicators stay: NFKC would make "2º" read "2o" and then a letter-for-digit
 * "20"; they are typography, not obfuscation.
 */
const KEPT = new Set(['\u00BA', '\u00AA']);

/**
 * Characters NFKC leaves as they are and that are visible: ASCII, Latin-1 letters and symbols
 * (á, ñ, ü, ¿), dashes, quotes and bullets, arrows, shapes and dingbats, flags and pictographic
 * emoji. A post made only of these (most posts) skips the pass.
 */
const UNCHANGED =
  /^[\0-\x9F\u00A1-\u00A7\u00A9-\u00AC\u00AE\u00B0\u00B1\u00B6\u00B7\u00BA\u00BB\u00BF-\u00FF\u2010\u2012-\u2016\u2018-\u2023\u2190-\u21FF\u2500-\u27BF\u2B00-\u2B73\u{1F1E6}-\u{1F1FF}\u{1F300}-\u{1FAFF}]*$/u;

/**
 * NFKC per cluster (so every output unit maps to its own cluster) and removal of invisibles.
 * Full-width and mathematical letters and digits become ASCII here (ｊｏｈｎ → john, 𝟕 → 7).
 */
export function nfkcAndStripInvisible(source: MappedText): MappedText {
  const text = source.text;
  if (UNCHANGED.test(text)) return source;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  NON_ASCII_CLUSTER.lastIndex = 0;
  for (let m = NON_ASCII_CLUSTER.exec(text); m !== null; m = NON_ASCII_CLUSTER.exec(text)) {
    const cluster = m[0];
    if (KEPT.has(cluster)) continue;
    const visible = INVISIBLE.test(cluster) ? cluster.replace(INVISIBLE_ALL, '') : cluster;
    const normalized = visible.normalize('NFKC');
    if (normalized === cluster) continue;
    builder ??= new MappedTextBuilder(source);
    const from = m.index;
    builder.copy(last, from);
    const to = from + cluster.length;
    // One BMP character for one: keep the exact unit map (ｊ → j).
    if (cluster.length === 1 && normalized.length === 1) builder.substitute(from, to, normalized);
    else builder.replace(from, to, normalized);
    last = to;
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}
