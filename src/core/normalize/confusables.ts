import { MappedTextBuilder, rewrite, type MappedText } from './mapped-text.js';

/**
 * Letters of other scripts that render like a Latin letter (after NFKC), as look-alike → Latin
 * pairs. Case follows the look-alike; accented look-alikes keep their accent (Cyrillic ё → ë).
 */
const FOREIGN_LOOKALIKES =
  // Cyrillic
  'АA аa ВB ЕE еe ЁË ёë ЅS ѕs ІI іi ЇÏ їï ЈJ јj КK кk МM НH һh ОO оo РP рp СC сc ТT УY уy ХX хx ' +
  'ҮY үy ӀI ӏl ԀD ԁd ԚQ ԛq ԜW ԝw ԌG ԍg ' +
  // Greek
  'ΑA αa ΒB ΕE ΖZ ΗH ΙI ιi ΚK κk ΜM ΝN νv ΟO οo ΡP ρp ΤT ΥY υu ΧX χx ϲc ϹC ϳj ' +
  'άá έé ίí όó ύú ' +
  // Armenian
  'օo սu հh ոn ցg';

/** Latin-script variants no normalization form folds: dotless i, script a/g, small capitals. */
const LATIN_VARIANTS =
  'ıi ȷj ɑa ɡg ɩi ᴀa ʙb ᴄc ᴅd ᴇe ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz';

function pairs(list: string): Map<string, string> {
  return new Map(list.split(' ').map((pair) => [pair.charAt(0), pair.charAt(1)] as const));
}

const FOREIGN = pairs(FOREIGN_LOOKALIKES);
const LATIN = pairs(LATIN_VARIANTS);

/**
 * The blocks every candidate lies in (IPA to the Indic scripts, small capitals, circled digits,
 * Latin Extended-D and the BMP's other digit blocks, supplementary scripts): one range test per
 * character, which spares most posts with accents or emoji the slower exact scans.
 */
const NEAR_CANDIDATE = /[\u0131\u0237\u0250-\u1DFF\u24F5-\u24FF\u2776-\u2793\uA620-\uABFF\u{10000}-\u{1EFFF}]/u;

const LOOKALIKE = new RegExp(`[${[...FOREIGN.keys(), ...LATIN.keys()].join('')}]`, 'g');
/** A word is letters with their marks. Digits end it, so "1О44" makes a word of the "О" alone. */
const WORD_CHAR = /[\p{L}\p{M}]/u;
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;
const NON_ASCII_DIGIT = /[^\P{Nd}0-9]|[\u2776-\u2793\u24F5-\u24FF]/gu;
/**
 * Circled digits that NFKC leaves alone (❶ ➀ ➊ ⓵ ⓿): first code point of each run of one to ten,
 * whose value is the distance from it plus one.
 */
const CIRCLED_DIGIT_RUNS = [0x2776, 0x2780, 0x278a, 0x24f5];
const CIRCLED_ZERO = 0x24ff;
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Folds look-alike letters to Latin, one UTF-16 unit for one so offsets stay exact.
 * Letters of another script are folded only in a word where every such letter has a Latin
 * look-alike ("Маrk", "Cаlle", a lone Cyrillic О between digits), so genuine Greek or Cyrillic
 * words stay as written. Decimal digits of any script and circled digits become ASCII digits.
 */
export function foldConfusables(source: MappedText): MappedText {
  return NEAR_CANDIDATE.test(source.text) ? foldDigits(foldLetters(source)) : source;
}

/** Folds each word holding a look-alike, found from the look-alikes themselves. */
function foldLetters(source: MappedText): MappedText {
  const text = source.text;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  LOOKALIKE.lastIndex = 0;
  for (let m = LOOKALIKE.exec(text); m !== null; m = LOOKALIKE.exec(text)) {
    let start = m.index;
    while (start > last && isWordChar(text, start - 1)) start--;
    let end = m.index + m[0].length;
    while (end < text.length && isWordChar(text, end)) end++;
    LOOKALIKE.lastIndex = end;
    const word = text.slice(start, end);
    const foldForeign = !hasUnmappedForeignLetter(word);
    let folded = '';
    for (const ch of word) folded += LATIN.get(ch) ?? (foldForeign ? FOREIGN.get(ch) : undefined) ?? ch;
    if (folded === word) continue;
    builder ??= new MappedTextBuilder(source);
    builder.copy(last, start);
    builder.substitute(start, end, folded);
    last = end;
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return WORD_CHAR.test(text.charAt(i));
}

function hasUnmappedForeignLetter(word: string): boolean {
  for (const ch of word) {
    if (!FOREIGN.has(ch) && NON_LATIN_LETTER.test(ch)) return true;
  }
  return false;
}

/** Decimal digits of other scripts (٣, ३, ๓ …) and circled digits → ASCII. */
function foldDigits(source: MappedText): MappedText {
  return rewrite(source, NON_ASCII_DIGIT, (m) => String(digitValue(m[0].codePointAt(0) ?? 0)));
}

function digitValue(codePoint: number): number {
  if (codePoint === CIRCLED_ZERO) return 0;
  const run = CIRCLED_DIGIT_RUNS.find((first) => codePoint >= first && codePoint < first + 10);
  return run === undefined ? decimalDigitValue(codePoint) : codePoint - run + 1;
}

/**
 * Unicode encodes every decimal digit set as ten consecutive code points from zero to nine, and
 * adjacent sets (the mathematical digits) follow each other whole, so the value is the distance
 * from the first digit of the contiguous block, modulo ten.
 */
function decimalDigitValue(codePoint: number): number {
  let first = codePoint;
  while (codePoint - first < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first--;
  return (codePoint - first) % 10;
}
