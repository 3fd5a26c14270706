import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { dateOfBirthDetector } from './date-of-birth.js';

/** [date as written, canonical] of every date of birth found. */
function dates(text: string): [string, string | undefined][] {
  return dateOfBirthDetector
    .detect(normalize(text))
    .sort((a, b) => a.start - b.start)
    .map((s) => [text.slice(s.start, s.end), s.canonical]);
}

describe('date of birth', () => {
  it('reads numeric dates, month first after an English cue', () => {
    expect(dates('Megan Shaw, DOB 07/22/1998, lives w her parents')).toEqual([['07/22/1998', '1998-07-22']]);
    expect(dates('SSN 912-44-8810, DOB 3/9/1981. someone leaked')).toEqual([['3/9/1981', '1981-03-09']]);
    expect(dates('born 1998-07-22')).toEqual([['1998-07-22', '1998-07-22']]);
    expect(dates('d.o.b: 22/07/1998')).toEqual([['22/07/1998', '1998-07-22']]);
  });

  it('reads numeric dates day first after a Spanish cue, or with dots', () => {
    expect(dates('Fecha de nacimiento 02/11/1984. Su esposa')).toEqual([['02/11/1984', '1984-11-02']]);
    expect(dates('nacida el 14/05/1987. Ya saben')).toEqual([['14/05/1987', '1987-05-14']]);
    expect(dates('DOB 02.11.1984')).toEqual([['02.11.1984', '1984-11-02']]);
  });

  it('reads month names in English and Spanish', () => {
    expect(dates('she was born on July 22, 1998 in Gary')).toEqual([['July 22, 1998', '1998-07-22']]);
    expect(dates('born on the 22nd of July 1998')).toEqual([['22nd of July 1998', '1998-07-22']]);
    expect(dates('b. 22 Jul. 1998')).toEqual([['22 Jul. 1998', '1998-07-22']]);
    expect(dates('Nació el 30 de marzo de 1995.')).toEqual([['30 de marzo de 1995', '1995-03-30']]);
    expect(dates('born in Chicago, IL on March 9, 1981')).toEqual([['March 9, 1981', '1981-03-09']]);
    expect(dates('su cumpleaños es el 1ro de septiembre del 2002')).toEqual([['1ro de septiembre del 2002', '2002-09-01']]);
  });

  it('keeps a two-digit year or a missing year without canonical', () => {
    expect(dates('DOB 3/9/81')).toEqual([['3/9/81', undefined]]);
    expect(dates('nacido el 5 de mayo del 79')).toEqual([['5 de mayo del 79', undefined]]);
    const [span] = dateOfBirthDetector.detect(normalize('her birthday is July 22'));
    expect(span?.canonical).toBeUndefined();
    expect(span?.confidence).toBeLessThan(0.7);
  });

  it('ignores dates without a birth cue, and impossible dates', () => {
    expect(dates('the march is on 07/22/2025')).toEqual([]);
    expect(dates('card exp 09/27, billing address 315 Maple')).toEqual([]);
    expect(dates('DOB 02/30/1990')).toEqual([]);
    expect(dates('DOB 13/13/1990')).toEqual([]);
    expect(dates('Happy birthday to my sister Jasmine!! can’t believe she’s 16 already')).toEqual([]);
    expect(dates('born and raised in Pilsen, moved out in March 2015')).toEqual([]);
    expect(dates('born in Chicago. Posted 07/22/2025')).toEqual([]);
    expect(dates('Born to run tour 07/22/2023 tickets')).toEqual([]);
  });
});

describe('end to end through analyze()', () => {
  it('finds a date written in words', () => {
    const text = 'Diego Farías, nació el veintitrés de julio del dos mil dos, vive en';
    const found = analyze(text).findings.filter((f) => f.type === 'date_of_birth');
    expect(found.map((f) => [text.slice(f.start, f.end), f.canonical])).toEqual([
      ['veintitrés de julio del dos mil dos', '2002-07-23'],
    ]);
  });

  it('finds a date with letters for digits', () => {
    const text = 'ghostvibez irl = Ethan Marlowe, dob O3/l7/2OO1 (letters not numbers)';
    const found = analyze(text).findings.filter((f) => f.type === 'date_of_birth');
    expect(found.map((f) => f.canonical)).toEqual(['2001-03-17']);
  });
});
