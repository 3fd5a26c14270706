import { describe, expect, it } from 'vitest';
import { identityMapped, toOriginalSpan } from './mapped-text.js';
import { collapseSpacedDigits } from './spaced-digits.js';

const run = (text: string) => collapseSpacedDigits(identityMapped(text));

describe('spaced-out digits', () => {
  it.each([
    ['spaces with dotted groups', 'tel 3 1 2 . 5 5 5 . 0 1 4 4', 'tel 312.555.0144'],
    ['spaces with dashed groups', 'cel 8 1 8 - 4 4 0 - 0 1 9 9 ya', 'cel 818-440-0199 ya'],
    ['a spaced ZIP code after a state', 'Austin TX 7 8 7 0 1', 'Austin TX 78701'],
    ['a spaced house number', 'home: 9 1 4 Birch Ln', 'home: 914 Birch Ln'],
    ['emoji between digits', '4📞4📞2', '442'],
    ['emoji and spaces between digits', '6 🔥 6 🔥 4', '664'],
    ['commas with spaces', '7 7 3, 5 5 5, 0 1 6 9', '7735550169'],
    ['underscores', '5_5_5_0_1_2_3', '5550123'],
    ['a spaced date', 'born 1 / 4 / 9 9', 'born 1/4/99'],
    ['a dot after every digit', 'tel 3.1.2.5.5.5.0.1.4.4 ok', 'tel 3125550144 ok'],
    ['a spaced dash after every digit', '8 - 1 - 8 - 4 - 4 - 0 - 0', '8184400'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it.each([
    ['two single digits', 'it ended 3 - 1'],
    ['numbers of several digits', 'call 312 555 0144'],
    ['digits joined without spaces', 'version 1.2.3 and 4-5-6, ip 1.2.3.4'],
    ['a short run with a mark after every digit', 'it went 3 - 1 - 2'],
    ['decimal commas', 'valores (N: 3,4-5) y 0,5-1 cm'],
    ['digits beside letters', 'A 1 B 2 C 3 d4 5e'],
    ['digits on separate lines', '1\n2\n3'],
  ])('leaves %s alone', (_, input) => {
    expect(run(input).text).toBe(input);
  });

  it('maps the collapsed run back to the exact spaced stretch', () => {
    const original = 'ph 📞 2 2 2 . 3 1 8 . 0 1 5 6 ok';
    const m = run(original);
    const start = m.text.indexOf('222');
    const span = toOriginalSpan(m, start, start + '222.318.0156'.length);
    expect(original.slice(span.start, span.end)).toBe('2 2 2 . 3 1 8 . 0 1 5 6');
  });
});
