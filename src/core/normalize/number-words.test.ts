import { describe, expect, it } from 'vitest';
import { identityMapped, toOriginalSpan } from './mapped-text.js';
import { numberWordsToDigits } from './number-words.js';

const run = (text: string) => numberWordsToDigits(identityMapped(text));
const digits = (text: string) => run(text).text;

describe('number words → digits', () => {
  it.each([
    ['a dictated phone number with commas', 'cell: four one five, five five five, zero one three eight', 'cell: 4155550138'],
    ['"oh" as zero', 'number is nine oh one, five five five, oh one two two', 'number is 9015550122'],
    ['a Spanish phone number', 'su cel: seis seis cuatro, cinco cinco cinco, cero uno siete dos', 'su cel: 6645550172'],
    ['a house number in pairs', 'lives at fourteen twenty Elm St', 'lives at 1420 Elm St'],
    ['hyphenated compounds in pairs', 'at thirty-six fifty-two N Clark St', 'at 3652 N Clark St'],
    ['a hyphenated apartment number', 'Apt three-oh-seven', 'Apt 307'],
    ['"o" as zero between English digits', 'unit one o nine', 'unit 109'],
    ['Spanish tens with "y"', 'Calle Pino sesenta y ocho', 'Calle Pino 68'],
    ['Spanish twenties in one word', 'el veintiocho de mayo', 'el 28 de mayo'],
    ['an unaccented Spanish compound', 'el veintitres de abril', 'el 23 de abril'],
    ['a Spanish year', 'nació en mil novecientos noventa y cuatro', 'nació en 1994'],
    ['a Spanish year after 2000', 'del dos mil once', 'del 2011'],
    ['an English year in pairs', 'born nineteen eighty-seven', 'born 1987'],
    ['an English year with "oh"', 'in nineteen oh six', 'in 1906'],
    ['an English year with thousand', 'two thousand and nine', '2009'],
    ['hundreds', 'three hundred twelve Oak Ave', '312 Oak Ave'],
    ['hundreds with "and"', 'two hundred and five', '205'],
    ['Spanish hundreds', 'número cuatrocientos treinta', 'número 430'],
    ['a digit sequence in Spanish', 'número dos cinco ocho', 'número 258'],
    ['words inside a digit run', '(312) 5five5-01two4', '(312) 555-0124'],
    ['a word beside a dash and digits', '+52 33-uno dos tres cuatro', '+52 33-1234'],
    ['capitals', 'TWENTY-ONE', '21'],
    ['a lone number of ten or more', 'twelve people came', '12 people came'],
    ['a lone Spanish teen', 'tiene quince años', 'tiene 15 años'],
    ['a dictated number with spaced dashes', 'ssn six two one - four four - nine eight zero two', 'ssn 621449802'],
  ])('%s', (_, input, expected) => {
    expect(digits(input)).toBe(expected);
  });

  it.each([
    ['a lone small English number', 'one of them said no'],
    ['a lone small Spanish number', 'vinieron dos personas'],
    ['"una"', 'a la una de la tarde'],
    ['"o" meaning "or" in Spanish', 'uno o dos días'],
    ['"or" between numbers', 'five or six times'],
    ['"oh" as an exclamation', 'oh no, not again'],
    ['English "once"', 'I once lived there'],
    ['Spanish "ten"', 'ten cuidado'],
    ['"mil" after a digit', 'pago 5 mil pesos'],
    ['"mil gracias"', 'mil gracias'],
    ['a bare "hundred"', 'a hundred times'],
    ['a comma list of single numbers', 'uno, dos, tres, cuatro'],
    ['words inside longer words', 'someone often phoned Tenochtitlan'],
    ['"y" not joining tens and a unit', 'las dos y media'],
    ['an e-mail address', 'write to five.two@mail.com'],
    ['a handle', 'follow @twentyone'],
  ])('leaves %s alone', (_, input) => {
    expect(digits(input)).toBe(input);
  });

  it('keeps a comma list of single words apart', () => {
    expect(digits('seis, nueve, doce y veinticuatro meses')).toBe('seis, nueve, 12 y 24 meses');
  });

  it('maps the digits back to the exact words', () => {
    const original = 'call three one two, five five five, zero one nine four now';
    const m = run(original);
    expect(m.text).toBe('call 3125550194 now');
    const whole = toOriginalSpan(m, 5, 15);
    expect(original.slice(whole.start, whole.end)).toBe('three one two, five five five, zero one nine four');
    const last = toOriginalSpan(m, 14, 15);
    expect(original.slice(last.start, last.end)).toBe('four');
  });

  it('maps a compound number to all of its words', () => {
    const original = 'Calle Cedro cuarenta y uno, Saltillo';
    const m = run(original);
    const span = toOriginalSpan(m, 12, 14);
    expect(original.slice(span.start, span.end)).toBe('cuarenta y uno');
  });
});
