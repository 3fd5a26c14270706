/** A stretch of the normalized (and folded: same offsets) text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A run of letters/digits (a word) or one other visible character, e.g. `:` or `'`. */
export interface Token extends Span {
  readonly text: string;
  readonly word: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;

function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
  return WORD_CHAR.test(String.fromCharCode(code));
}

function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE.test(String.fromCharCode(code));
}

/** Splits text into words and single visible characters (a surrogate pair stays one token); spaces separate. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const start = i;
    if (isWordChar(code)) {
      i++;
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
      tokens.push({ start, end: i, text: text.slice(start, i), word: true });
      continue;
    }
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    tokens.push({ start, end: i, text: text.slice(start, i), word: false });
  }
  return tokens;
}
