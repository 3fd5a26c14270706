import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it('tells English from Spanish on short posts', () => {
    expect(detectLanguage('the judge lives right around the corner from the school').language).toBe('en');
    expect(detectLanguage('el juez vive a la vuelta de la escuela de sus hijos').language).toBe('es');
  });

  it('falls back to the hint when the text carries no language', () => {
    expect(detectLanguage('773 555 0148 🔥🔥', 'es')).toEqual({ language: 'es', mixed: false });
  });

  it('marks code-switched posts as mixed', () => {
    const guess = detectLanguage('bro el vato de la troca roja is parked outside again, no manches', 'es');
    expect(guess.mixed || guess.language === 'es').toBe(true);
  });
});
