import { MappedTextBuilder, type MappedText } from './mapped-text.js';

const AS_LETTER: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** A letter, then a leet character, then a letter: the cheap test before the real one. */
const LEET_INSIDE_WORD = /[A-Z][013457@$]+[A-Z]/i;
const CHUNK = /\S+/g;
/** Letters and the characters leetspeak puts in their place, plus digits that rule it out. */
const WORD = /[A-Z0-9@$]+/gi;
const LETTER = /[A-Z]/i;
const LEET_CHAR = /[013457@$]/;
const UPPER = /[A-Z]/;
const UNMAPPED_DIGIT = /[2689]/;
const URL_START = /^(?:https?:|www\.)/i;
/** One leet character at a word's edge is read with it; a longer tail is a number. */
const EDGE_LEET = 1;
/** Fewer letters ("C1q", "d1e") are as likely a code as a word. */
const SHORTEST_WORD_LETTERS = 3;
/** Leetspeak words are short; longer strings are codes, hashes or keys. */
const LONGEST_WORD = 24;

/**
 * Leetspeak inside letter words: "k1ll" → "kill", "m4t4r" → "matar", "h0me" → "home",
 * "h3ll0" → "hello". A word qualifies when a leet character sits between two letters, every
 * non-letter in it has a letter reading, and letters outnumber leet characters. One leet character
 * at the very start or end is read too; longer digit tails stay ("j0hn55" → "john55"). Never in
 * e-mail addresses, @handles or URLs, nor in all-capital or mixed-case words, which are codes,
 * plates and names ("RS3PE", "AB1CD", "Food4Less", "T3bN0M0"): only lower case or capitalised words
 * with three letters or more qualify.
 */
export function readLeetspeak(source: MappedText): MappedText {
  const text = source.text;
  if (!LEET_INSIDE_WORD.test(text)) return source;
  let builder: MappedTextBuilder | undefined;
  let last = 0;
  CHUNK.lastIndex = 0;
  for (let chunk = CHUNK.exec(text); chunk !== null; chunk = CHUNK.exec(text)) {
    const value = chunk[0];
    if (!LEET_INSIDE_WORD.test(value) || isAddressLike(value)) continue;
    WORD.lastIndex = 0;
    for (let word = WORD.exec(value); word !== null; word = WORD.exec(value)) {
      const read = readWord(word[0]);
      if (read === undefined) continue;
      const start = chunk.index + word.index;
      builder ??= new MappedTextBuilder(source);
      builder.copy(last, start);
      builder.substitute(start, start + read.length, read);
      last = start + read.length;
    }
  }
  if (builder === undefined) return source;
  builder.copy(last, text.length);
  return builder.build();
}

/** An e-mail address (an "@" with a dot after it), an @handle or a URL. */
function isAddressLike(chunk: string): boolean {
  const at = chunk.indexOf('@');
  if (at === 0 || (at > 0 && chunk.indexOf('.', at) > at)) return true;
  return URL_START.test(chunk) || chunk.includes('://');
}

/** The word read as letters, or undefined when it is not leetspeak. */
function readWord(word: string): string | undefined {
  if (word.length > LONGEST_WORD || UNMAPPED_DIGIT.test(word)) return undefined;
  let first = -1;
  let lastLetter = -1;
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (!LETTER.test(ch)) continue;
    if (first < 0) first = i;
    lastLetter = i;
    letters++;
    if (UPPER.test(ch)) upper++;
  }
  if (letters < SHORTEST_WORD_LETTERS) return undefined;
  const from = first <= EDGE_LEET ? 0 : first;
  const to = word.length - 1 - lastLetter <= EDGE_LEET ? word.length : lastLetter + 1;
  const inner = word.slice(first, lastLetter + 1);
  const leet = to - from - letters;
  if (!LEET_CHAR.test(inner) || leet >= letters) return undefined;
  // All capitals ("T4L", "RS3PE", "AB1CD") are codes and plates; mixed case ("Food4Less") names.
  if (upper > (UPPER.test(word.charAt(first)) ? 1 : 0)) return undefined;

  let out = word.slice(0, from);
  for (let i = from; i < to; i++) {
    const ch = word.charAt(i);
    out += AS_LETTER[ch] ?? ch;
  }
  return out + word.slice(to);
}
