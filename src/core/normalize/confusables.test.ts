import { describe, expect, it } from 'vitest';
import { foldConfusables } from './confusables.js';
import { identityMapped, toOriginalSpan } from './mapped-text.js';

const run = (text: string) => foldConfusables(identityMapped(text));

describe('look-alike letters', () => {
  it.each([
    ['Cyrillic letters inside a Latin name', 'Маrtа Ruíz', 'Marta Ruíz'],
    ['Cyrillic letters in a street', 'Cаllе Nоgаl 12', 'Calle Nogal 12'],
    ['a Cyrillic O between digits', '1О44 S Main', '1O44 S Main'],
    ['Greek capitals', 'ΚΑΤΕ', 'KATE'],
    ['Greek small letters in a Latin word', 'jοhn', 'john'],
    ['Cyrillic ё keeps its diaeresis', 'Jоёl', 'Joël'],
    ['Greek tonos keeps its accent', 'Ramόn', 'Ramón'],
    ['Armenian look-alikes', 'ցօօd', 'good'],
    ['dotless i and small capitals', 'ıᴠᴀɴ', 'ivan'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it('keeps the case of each letter', () => {
    expect(run('АаВЕе').text).toBe('AaBEe');
  });

  it.each([
    ['a Russian word', 'привет друг'],
    ['a Greek word', 'ευχαριστώ'],
    ['Spanish accents', 'Ibáñez Gómez'],
  ])('leaves %s alone', (_, input) => {
    expect(run(input).text).toBe(input);
  });

  it('folds decimal digits of other scripts', () => {
    expect(run('٣١٢ ५५५ ๐๑').text).toBe('312 555 01');
  });

  it('folds circled digits that NFKC leaves alone', () => {
    expect(run('❸❶❷ ➄➄➄ ⓿➊⓽ ❿').text).toBe('312 555 019 10');
  });

  it('maps each folded letter to exactly its own character', () => {
    const original = 'Аnа Cоrtés';
    const m = run(original);
    expect(m.text).toBe('Ana Cortés');
    expect(toOriginalSpan(m, 4, 10)).toEqual({ start: 4, end: 10 });
    expect(toOriginalSpan(m, 5, 6)).toEqual({ start: 5, end: 6 });
  });
});
