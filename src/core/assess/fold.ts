/** Folded form of U+0000..U+024F (Basic Latin to Latin Extended-B), built once at load. */
const LATIN_TABLE: readonly string[] = Array.from({ length: 0x250 }, (_, code) => foldChar(String.fromCharCode(code)));

function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower.length !== 1) return ch;
  const base = lower.normalize('NFD').charAt(0);
  return base.length === 1 ? base : lower;
}

/**
 * Lower-cases and strips Latin accents one code unit for one code unit, so offsets into the
 * folded text are offsets into the normalized text. Lexicon matching runs on this form.
 */
export function foldForMatching(text: string): string {
  // ASCII folds to its lower case: most posts take this path.
  if (isAscii(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x250 ? (LATIN_TABLE[code] ?? '') : foldChar(text.charAt(i));
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
