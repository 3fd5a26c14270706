import { describe, expect, it } from 'vitest';
import { lettersAsDigits } from './letter-digits.js';
import { identityMapped, toOriginalSpan } from './mapped-text.js';

const run = (text: string) => lettersAsDigits(identityMapped(text));

describe('letters used as digits', () => {
  it.each([
    ['O inside a house number', 'lives at 2O15 W Elm', 'lives at 2015 W Elm'],
    ['O at the end after an inner O', 'Av. Juárez 3O5O', 'Av. Juárez 3050'],
    ['l and I as ones', '9l2 and 4I7', '912 and 417'],
    ['a date written with letters', 'dob O4/l2/l99O', 'dob 04/12/1990'],
    ['a date whose letters are only at the edges', 'dob O5/l1/1987', 'dob 05/11/1987'],
    ['lower-case o', '5o5 Pine', '505 Pine'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it.each([
    ['a Spanish ordinal', 'el 1o de mayo y el 10o piso'],
    ['litres', '20l de agua'],
    ['a plate', 'placas KLM-4821 y OIL-1234'],
    ['a handle', 'bharlan55 y l0l0'],
    ['an apartment', 'apt 3B'],
    ['a word', 'Lo Io IO lol'],
    ['an address local part', 'l0l0@mail.com'],
  ])('leaves %s alone', (_, input) => {
    expect(run(input).text).toBe(input);
  });

  it('maps each replaced letter to itself', () => {
    const m = run('at 1O44 S');
    expect(m.text).toBe('at 1044 S');
    expect(toOriginalSpan(m, 3, 7)).toEqual({ start: 3, end: 7 });
    expect(toOriginalSpan(m, 4, 5)).toEqual({ start: 4, end: 5 });
  });
});
