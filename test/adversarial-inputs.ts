/** 100 KB inputs built to trigger super-linear behaviour in naive patterns; shared by the test and the bench. */
const SIZE = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

export const ADVERSARIAL_INPUTS: Readonly<Record<string, string>> = {
  'digit run': fill('7'),
  'digits and dashes': fill('1-'),
  'spaced digits': fill('5 '),
  'dotted digits': fill('3.'),
  'digit groups with parens': fill('(773) '),
  'at signs': fill('@'),
  'e-mail-like runs': fill('a@b.'),
  'at/dot markers': fill('x [at] y [dot] '),
  'nested brackets': '('.repeat(SIZE / 2) + ')'.repeat(SIZE / 2),
  'square brackets': fill('[['),
  'number words': fill('five '),
  'spanish number words': fill('treinta y '),
  'zero-width between digits': fill('1\u200b'),
  'capitalized words': fill('Ab '),
  'title run': fill('Officer Judge '),
  'street prefixes': fill('Calle '),
  'street numbers': fill('12 St '),
  'commas': fill(','),
  'dots': fill('.'),
  'hyphenated letters': fill('A-'),
  'plate-like tokens': fill('AB 1234 '),
  'emoji between digits': fill('1🔥'),
  'cyrillic look-alikes': fill('аео'),
  'whitespace': fill(' \n\t'),
  'mixed': fill('Calle 5 de Mayo 120, Col. Centro (55) 1234 [at] x.com 4242 '),
};
