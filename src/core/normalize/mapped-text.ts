import { MAX_TEXT_LENGTH } from '../limits.js';

/**
 * A text derived from an original text, with every code unit mapped back to the stretch of the
 * original it came from. Normalization passes each turn one MappedText into another, so any span
 * of the final text can be traced to an exact span of the original.
 */
export interface MappedText {
  readonly text: string;
  /** For code unit i of `text`: inclusive start of its source in the original. */
  readonly starts: Int32Array;
  /** For code unit i of `text`: exclusive end of its source in the original. */
  readonly ends: Int32Array;
}

/**
 * Offsets 0, 1, 2 … shared by every identity map: a post with nothing to normalize (most of them)
 * then costs two views instead of two fresh arrays. Nothing ever writes to it; readers must not.
 */
const IDENTITY_OFFSETS = countUpTo(MAX_TEXT_LENGTH + 1);

function countUpTo(n: number): Int32Array {
  const offsets = new Int32Array(n);
  for (let i = 0; i < n; i++) offsets[i] = i;
  return offsets;
}

export function identityMapped(original: string): MappedText {
  const n = original.length;
  if (n < IDENTITY_OFFSETS.length) {
    return { text: original, starts: IDENTITY_OFFSETS.subarray(0, n), ends: IDENTITY_OFFSETS.subarray(1, n + 1) };
  }
  const offsets = countUpTo(n + 1);
  return { text: original, starts: offsets.subarray(0, n), ends: offsets.subarray(1) };
}

/** Span [start, end) of a mapped text → span of the original. Empty spans map to an empty span. */
export function toOriginalSpan(m: MappedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < m.text.length ? (m.starts[start] ?? 0) : (m.ends[m.text.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: m.starts[start] ?? 0, end: m.ends[end - 1] ?? 0 };
}

/** Builds the next MappedText from a source one, piece by piece, left to right. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(private readonly source: MappedText) {
    [this.starts, this.ends] = MappedTextBuilder.allocate(Math.max(16, source.text.length));
  }

  /** Both offset arrays in one buffer: one allocation instead of two. */
  private static allocate(size: number): [Int32Array, Int32Array] {
    const buffer = new Int32Array(2 * size);
    return [buffer.subarray(0, size), buffer.subarray(size)];
  }

  /** Copies source units [from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.source.text.slice(from, to));
    this.reserve(to - from);
    this.starts.set(this.source.starts.subarray(from, to), this.length);
    this.ends.set(this.source.ends.subarray(from, to), this.length);
    this.length += to - from;
  }

  /**
   * Emits `text` in place of source units [from, to): every emitted unit maps to the whole source
   * stretch, so a span over any part of the replacement maps back to all of what it replaced.
   */
  replace(from: number, to: number, text: string): void {
    if (text.length === 0) return;
    const start = this.source.starts[from] ?? 0;
    const end = to > from ? (this.source.ends[to - 1] ?? start) : start;
    this.parts.push(text);
    this.reserve(text.length);
    this.starts.fill(start, this.length, this.length + text.length);
    this.ends.fill(end, this.length, this.length + text.length);
    this.length += text.length;
  }

  /**
   * Emits `text` in place of source units [from, to) one for one: unit i maps to source unit
   * from+i (a look-alike letter, a letter used as a digit). `text` must be as long as the stretch.
   */
  substitute(from: number, to: number, text: string): void {
    if (text.length !== to - from) throw new Error('substitute needs a replacement of equal length');
    if (text.length === 0) return;
    this.parts.push(text);
    this.reserve(text.length);
    this.starts.set(this.source.starts.subarray(from, to), this.length);
    this.ends.set(this.source.ends.subarray(from, to), this.length);
    this.length += text.length;
  }

  build(): MappedText {
    return {
      text: this.parts.join(''),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
    };
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.starts.length) return;
    const [starts, ends] = MappedTextBuilder.allocate(Math.max(needed, this.starts.length * 2));
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Rewrites every match of a global pattern: `replacement` returns the text to emit for the match,
 * or undefined to keep it as it is. With `oneForOne`, replacements are as long as their matches and
 * map unit by unit (see MappedTextBuilder.substitute); otherwise each maps to its whole match.
 * The pattern must be linear-time (see eslint regexp rules).
 */
export function rewrite(
  source: MappedText,
  pattern: RegExp,
  replacement: (match: RegExpExecArray) => string | undefined,
  options: { readonly oneForOne?: boolean } = {},
): MappedText {
  if (!pattern.global) throw new Error('rewrite needs a global pattern');
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(source.text); m !== null; m = pattern.exec(source.text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const out = replacement(m);
    if (out === undefined || out === m[0]) continue;
    builder ??= new MappedTextBuilder(source);
    builder.copy(last, m.index);
    if (options.oneForOne === true) builder.substitute(m.index, m.index + m[0].length, out);
    else builder.replace(m.index, m.index + m[0].length, out);
    last = m.index + m[0].length;
  }
  if (builder === undefined) return source;
  builder.copy(last, source.text.length);
  return builder.build();
}
