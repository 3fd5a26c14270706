import { describe, expect, it } from 'vitest';
import { identityMapped, toOriginalSpan } from './mapped-text.js';
import { nfkcAndStripInvisible } from './unicode.js';

const run = (text: string) => nfkcAndStripInvisible(identityMapped(text));

describe('NFKC and invisible characters', () => {
  it.each([
    ['full-width letters and digits', 'ｍａｒｉａ１２３', 'maria123'],
    ['mathematical bold digits', '𝟕𝟕𝟑', '773'],
    ['zero-width space between digits', '3\u200B1\u200B2', '312'],
    ['zero-width joiner and non-joiner', 'ki\u200Dl\u200Cl', 'kill'],
    ['word joiner and BOM', '5\u20605\uFEFF5', '555'],
    ['bidi embeddings, overrides and isolates', '\u202Ejuan\u202C \u2066pérez\u2069', 'juan pérez'],
    ['left-to-right and right-to-left marks', '6\u200E0\u200F2', '602'],
    ['soft hyphen', 'Ro\u00ADsa', 'Rosa'],
    ['Mongolian vowel separator and Hangul filler', '4\u180E1\u31642', '412'],
    ['tag characters', 'a\u{E0041}b', 'ab'],
    ['keycap digits', '7\uFE0F\u20E37\uFE0F\u20E3', '77'],
    ['emoji variation selector', 'ok ❤\uFE0F', 'ok ❤'],
    ['blank Braille pattern', '9\u28000', '90'],
    ['combining accent composed', 'Jose\u0301', 'José'],
    ['no-break and ideographic spaces become spaces', 'a\u00A0b\u3000c', 'a b c'],
    ['ligature', 'ﬁve', 'five'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it.each([
    ['Spanish accents', 'Sáenz, Ibáñez, Muñoz, pingüino ¿qué?'],
    ['Spanish ordinal indicators', 'vive en el 2º piso, 3ª calle'],
    ['emoji', 'te veo 🙂 en la marcha 🚨'],
    ['plain ASCII', 'call 555-0100'],
  ])('leaves %s alone', (_, input) => {
    const source = identityMapped(input);
    expect(nfkcAndStripInvisible(source)).toBe(source);
  });

  it('keeps exact offsets around removed characters', () => {
    const original = 'cel 2\u200B1\u200B0 ya';
    const m = run(original);
    expect(m.text).toBe('cel 210 ya');
    const span = toOriginalSpan(m, 4, 7);
    expect(original.slice(span.start, span.end)).toBe('2\u200B1\u200B0');
  });

  it('maps a composed letter back to its base and mark', () => {
    const original = 'Jose\u0301 X';
    const m = run(original);
    const span = toOriginalSpan(m, 0, 4);
    expect(original.slice(span.start, span.end)).toBe('Jose\u0301');
  });

  it('maps a full-width letter one for one', () => {
    const m = run('ｊｏｈｎ');
    expect(toOriginalSpan(m, 1, 3)).toEqual({ start: 1, end: 3 });
  });
});
