import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from './normalize.js';

const text = (s: string) => normalize(s).text;

describe('normalize: the examples of the design', () => {
  it.each([
    ['three one two, five five five, zero one nine four', '3125550194'],
    ['twenty-eight forty-one', '2841'],
    ['two-oh-four', '204'],
    ['treinta y dos', '32'],
    ['veintitrés de julio del dos mil dos', '23 de julio del 2002'],
    ['(847) 5five5-01six3', '(847) 555-0163'],
    ['7 7 3 . 5 5 5 . 0 1 6 9', '773.555.0169'],
    ['TX 7 7 3 8 0', 'TX 77380'],
    ['1O44', '1044'],
    ['bharlan55 [at] gmail [dot] com', 'bharlan55@gmail.com'],
    ['l i s a t r e n t 7 2 @ g m a i l . c o m', 'lisatrent72@gmail.com'],
    ['k1ll', 'kill'],
    ['m4t4r', 'matar'],
    ['h0me', 'home'],
    ['twelve twelve', '1212'],
    ['dos mil dos', '2002'],
    ['nineteen ninety', '1990'],
    ['5five5-01six3', '555-0163'],
  ])('%s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });
});

/** Obfuscations of the kinds in the dev set's dox_obfuscated posts, with made-up values. */
describe('normalize: obfuscated posts', () => {
  it.each([
    ['zero-width spaces in a phone', 'her cell 4\u200B1\u200B5\u200B-\u200B5\u200B5\u200B5\u200B-\u200B0\u200B1\u200B7\u200B7 go', 'her cell 415-555-0177 go'],
    ['an emoji then spaced dotted digits', 'Tom Reyes 📞 3 1 2 . 5 5 5 . 0 1 8 8\nlives at one six zero two W Elm Ave', 'Tom Reyes 📞 312.555.0188\nlives at 1602 W Elm Ave'],
    ['a spaced house number and ZIP', 'home: 2 4 7 Cedar Hollow, Katy TX 7 7 4 9 4', 'home: 247 Cedar Hollow, Katy TX 77494'],
    ['a Spanish dictated phone', 'su cel es seis seis cuatro, uno dos tres, cero uno cinco ocho', 'su cel es 6641230158'],
    ['words after a country code', 'whats +52 81-cinco cinco dos tres-cero uno cuatro cuatro.', 'whats +52 81-55230144.'],
    ['parenthesised markers', 'email k.moss(at)yahoo(dot)com or', 'email k.moss@yahoo.com or'],
    ['a Cyrillic o in a street and O for zero', 'lives at 2O17 N Оakley Ave', 'lives at 2017 N Oakley Ave'],
    ['a spelled address with pairs', 'addr fourteen ten Lake St, Apt three-oh-two', 'addr 1410 Lake St, Apt 302'],
    ['Cyrillic letters in a name and street', 'vive Саrlа en Cаlle Mаngо 9', 'vive Carla en Calle Mango 9'],
    ['zero-width spaces in a house number', 'viven en 8\u200B0\u200B1\u200B2 Bellaire Blvd', 'viven en 8012 Bellaire Blvd'],
    ['words mixed into digits', 'ph (213) 4four4-02nine1', 'ph (213) 444-0291'],
    ['"oh" for zero', 'number is four oh five, five five five, oh one six six', 'number is 4055550166'],
    ['a house number in compound words', 'at thirty-nine twelve S Halsted St', 'at 3912 S Halsted St'],
    ['an SSN with spaced dashes', 'ssn is five two one - three three - eight eight zero one.', 'ssn is 521338801.'],
    ['a Spanish date of birth in words', 'nació el dieciséis de marzo del dos mil cuatro', 'nació el 16 de marzo del 2004'],
    ['a Spanish address in words', 'vive en Calle Olmo treinta y siete', 'vive en Calle Olmo 37'],
    ['Cyrillic letters in a name', 'agent Јоhn Вrооks', 'agent John Brooks'],
    ['spaced digits with a dash', 'tel 6 1 4 - 2 2 0 - 0 1 5 5 (', 'tel 614-220-0155 ('],
    ['letters in a date of birth', 'dob O9/l4/l998', 'dob 09/14/1998'],
    ['letters in an address number', 'Av. Hidalgo 3O4O, Zapopan', 'Av. Hidalgo 3040, Zapopan'],
    ['bare at and dot', 'sam.ortiz.1990 at protonmail dot com\n', 'sam.ortiz.1990@protonmail.com\n'],
    ['bracketed arroba and punto', 'correo ana.vela [arroba] gmail [punto] com.', 'correo ana.vela@gmail.com.'],
    ['Spanish spaced house number', 'vive en 2 9 0 5 de la Calle Morelos', 'vive en 2905 de la Calle Morelos'],
    ['Spanish spaced dotted phone', 'tel 3 3 3 . 4 1 0 . 0 1 2 2', 'tel 333.410.0122'],
    ['Spanish bare arroba and punto', 'email r.nava.abogado arroba hotmail punto com', 'email r.nava.abogado@hotmail.com'],
    ['spaced address with a period', 'addy: 6 3 1 4 W. Addison St, unit 4', 'addy: 6314 W. Addison St, unit 4'],
    ['spaced coordinates after zero-width spaces', 'pin 41.8\u200B781, -87.6\u200B298', 'pin 41.8781, -87.6298'],
  ])('%s', (_, input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    ['a street with a digit name', 'we met on 5th and Main at 3pm'],
    ['prices and times', 'pago 2 mil pesos, a las 7pm, 3 - 1 final'],
    ['prose with small numbers', 'one of the two guys said dos personas'],
    ['a plate and a handle', 'plate KLM-4821, follow bharlan55, apt 3B'],
    ['a brand', 'meet at the Food4Less lot'],
    ['a plain e-mail', 'write to the clerk at clerk@county.gov'],
    ['Spanish with accents', 'Doña Pilar Vázquez, el 2º piso'],
  ])('leaves %s alone', (_, input) => {
    expect(text(input)).toBe(input);
  });
});

describe('originalSpan of an obfuscated value is its exact obfuscated stretch', () => {
  it.each([
    ['cell: three one two, five five five, zero one nine four. bye', '3125550194', 'three one two, five five five, zero one nine four'],
    ['tel 📞 7 7 3 . 5 5 5 . 0 1 6 9\nok', '773.555.0169', '7 7 3 . 5 5 5 . 0 1 6 9'],
    ['ph (847) 5five5-01six3 now', '(847) 555-0163', '(847) 5five5-01six3'],
    ['mail bharlan55 [at] gmail [dot] com!', 'bharlan55@gmail.com', 'bharlan55 [at] gmail [dot] com'],
    ['cel 2\u200B1\u200B0\u200B-\u200B5\u200B5\u200B5 ya', '210-555', '2\u200B1\u200B0\u200B-\u200B5\u200B5\u200B5'],
    ['at twenty-eight forty-one N Kedzie', '2841', 'twenty-eight forty-one'],
    ['born 1O44 S Hоyne Ave', '1044 S Hoyne', '1O44 S Hоyne'],
    ['vive en Calle Cedro cuarenta y uno, Saltillo', '41', 'cuarenta y uno'],
    ['nació el veintitrés de julio del dos mil dos', '23 de julio del 2002', 'veintitrés de julio del dos mil dos'],
    ['gmail: l i s a t r e n t 7 2 @ g m a i l . c o m', 'lisatrent72@gmail.com', 'l i s a t r e n t 7 2 @ g m a i l . c o m'],
    ['+52 55-uno dos nueve ocho-cero uno tres seis.', '+52 55-12980136', '+52 55-uno dos nueve ocho-cero uno tres seis'],
  ])('%s', (original, normalizedValue, obfuscated) => {
    const n = normalize(original);
    const start = n.text.indexOf(normalizedValue);
    expect(start).toBeGreaterThanOrEqual(0);
    const span = originalSpan(n, start, start + normalizedValue.length);
    expect(original.slice(span.start, span.end)).toBe(obfuscated);
  });

  it('maps an empty span to a point', () => {
    const n = normalize('abc');
    expect(originalSpan(n, 1, 1)).toEqual({ start: 1, end: 1 });
    expect(originalSpan(n, 3, 3)).toEqual({ start: 3, end: 3 });
  });
});

/** Pieces the passes react to, so random strings reach every pass and their interactions. */
const PIECES = [
  'one', 'two', 'oh', 'o', 'twenty', '-', 'eight', 'hundred', 'and', 'thousand', 'cero', 'y', 'treinta',
  'veintitrés', 'mil', 'dos', '5', '0', '1', ' ', ', ', ' . ', '.', '@', ' at ', '[at]', '(dot)', ' dot ',
  'arroba', 'punto', 'gmail', 'com', 'a', 'k1ll', 'O', 'l', 'I', '\u200B', '\u202E', '\uFE0F', '\u20E3',
  '\u0301', 'А', 'о', 'ё', '📞', '٣', 'ｘ', '\n', 'º', '#', 'x',
];
const obfuscatedish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

function checkOffsets(original: string): void {
  const n = normalize(original);
  expect(n.original).toBe(original);
  expect(n.starts.length).toBe(n.text.length);
  expect(n.ends.length).toBe(n.text.length);
  for (let i = 0; i < n.text.length; i++) {
    const start = n.starts[i] ?? -1;
    const end = n.ends[i] ?? -1;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeLessThanOrEqual(original.length);
    expect(start).toBeLessThanOrEqual(end);
    if (i > 0) {
      expect(start).toBeGreaterThanOrEqual(n.starts[i - 1] ?? 0);
      expect(end).toBeGreaterThanOrEqual(n.ends[i - 1] ?? 0);
    }
  }
}

describe('normalize: offset map properties', () => {
  it('holds for arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkOffsets), { numRuns: 2000 });
  });

  it('holds for arbitrary UTF-16 code units, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }), checkOffsets), {
      numRuns: 1000,
    });
  });

  it('holds for strings built from obfuscation pieces', () => {
    fc.assert(fc.property(obfuscatedish, checkOffsets), { numRuns: 3000 });
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(obfuscatedish, (s) => {
        const a = normalize(s);
        const b = normalize(s);
        expect(b.text).toBe(a.text);
        expect([...b.starts]).toEqual([...a.starts]);
      }),
      { numRuns: 300 },
    );
  });

  it('returns the text unchanged with an identity map when there is nothing to do', () => {
    const original = 'just a plain post about the weather';
    const n = normalize(original);
    expect(n.text).toBe(original);
    expect(originalSpan(n, 5, 6)).toEqual({ start: 5, end: 6 });
  });
});

describe('normalize: linear time on adversarial input', () => {
  const size = 100_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  it.each([
    ['digits', repeat('1')],
    ['spaced digits', repeat('1 ')],
    ['dotted spaced digits', repeat('1 . ')],
    ['digits and commas', repeat('1,')],
    ['digits and emoji', repeat('1📞')],
    ['at signs', repeat('@')],
    ['local parts and at signs', repeat('a.b@')],
    ['a long local part', `${repeat('a.')}@gmail.com`],
    ['a long domain', `a@${repeat('b.')}com`],
    ['bracketed markers', repeat('[at]')],
    ['markers with words', repeat('a [at] b [dot] ')],
    ['closing brackets', repeat('a)')],
    ['unclosed brackets', repeat('([<{')],
    ['bare at words', repeat('x at y dot ')],
    ['spaced letters', repeat('a ')],
    ['spaced letters then an at sign', `${repeat('a ').slice(0, size - 4)}@ b`],
    ['number words', repeat('one ')],
    ['number words and commas', repeat('one two, ')],
    ['hyphenated number words', repeat('twenty-')],
    ['oh and o', repeat('two oh o ')],
    ['Spanish tens and y', repeat('treinta y ')],
    ['thousands', repeat('mil ')],
    ['letters for digits', repeat('1O')],
    ['letter-digit chunks', repeat('1O/')],
    ['leetspeak', repeat('k1')],
    ['leet words', repeat('a1a ')],
    ['zero-width spaces', repeat('\u200B1')],
    ['combining marks', repeat('\u0301')],
    ['combining marks on letters', repeat('e\u0301')],
    ['Cyrillic look-alikes', repeat('Аа')],
    ['Arabic-Indic digits', repeat('٣')],
    ['a long letter run', repeat('x')],
    ['mixed pieces', repeat('5five5-01six3 [at] k1ll 1O44 7 7 3 . ')],
  ])('%s', (_, input) => {
    const began = performance.now();
    const n = normalize(input);
    const elapsed = performance.now() - began;
    expect(n.text.length).toBeGreaterThan(0);
    // Linear work is a few milliseconds here; quadratic work on 100 KB would take minutes.
    expect(elapsed).toBeLessThan(5000);
  });
});
