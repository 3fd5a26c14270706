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

export function identityMapped(original: string): MappedText {
  const n = original.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { text: original, starts, ends };
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
    this.starts = new Int32Array(Math.max(16, source.text.length));
    this.ends = new Int32Array(Math.max(16, source.text.length));
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
   * Emits `text` in place of source units [from, to). When lengths match, unit i maps to source
   * unit from+i (a one-for-one substitution such as a look-alike letter); otherwise every emitted
   * unit maps to the whole source stretch.
   */
  replace(from: number, to: number, text: string): void {
    if (text.length === 0) return;
    if (to - from === text.length) {
      this.parts.push(text);
      this.reserve(text.length);
      this.starts.set(this.source.starts.subarray(from, to), this.length);
      this.ends.set(this.source.ends.subarray(from, to), this.length);
      this.length += text.length;
      return;
    }
    const start = this.source.starts[from] ?? 0;
    const end = to > from ? (this.source.ends[to - 1] ?? start) : start;
    this.parts.push(text);
    this.reserve(text.length);
    this.starts.fill(start, this.length, this.length + text.length);
    this.ends.fill(end, this.length, this.length + text.length);
    this.length += text.length;
  }

  build(): MappedText {
    return {
      text: this.parts.join(''),
      starts: this.starts.slice(0, this.length),
      ends: this.ends.slice(0, this.length),
    };
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.starts.length) return;
    const size = Math.max(needed, this.starts.length * 2);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Rewrites every match of a global pattern: `replacement` returns the text to emit for the match,
 * or undefined to keep it as it is. The pattern must be linear-time (see eslint regexp rules).
 */
export function rewrite(
  source: MappedText,
  pattern: RegExp,
  replacement: (match: RegExpExecArray) => string | undefined,
): MappedText {
  if (!pattern.global) throw new Error('rewrite needs a global pattern');
  const builder = new MappedTextBuilder(source);
  let last = 0;
  let changed = false;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(source.text); m !== null; m = pattern.exec(source.text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const out = replacement(m);
    if (out === undefined || out === m[0]) continue;
    builder.copy(last, m.index);
    builder.replace(m.index, m.index + m[0].length, out);
    last = m.index + m[0].length;
    changed = true;
  }
  if (!changed) return source;
  builder.copy(last, source.text.length);
  return builder.build();
}
