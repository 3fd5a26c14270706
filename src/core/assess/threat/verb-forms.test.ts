import { describe, expect, it } from 'vitest';
import { conjugateSpanish, englishForms } from './verb-forms.js';

const forms = (entry: string) => new Map(conjugateSpanish(entry).map(([surface, form]) => [surface, form]));

describe('conjugateSpanish', () => {
  it('gives the forms threats use, folded without accents', () => {
    const matar = forms('matar');
    expect(matar.get('matare')).toMatchObject({ mood: 'fut', person: 1, plural: false });
    expect(matar.get('mataremos')).toMatchObject({ mood: 'fut', person: 1, plural: true });
    expect(matar.get('mato')).toMatchObject({ mood: 'pres', person: 1 });
    expect(matar.get('matarte')).toMatchObject({ mood: 'inf', enclitic: 'te' });
    expect(matar.get('matenlo')).toMatchObject({ mood: 'imp', plural: true, enclitic: 'lo' });
    expect(matar.get('matemoslos')).toMatchObject({ mood: 'imp', person: 1, plural: true, enclitic: 'los' });
  });

  it('keeps the sound of the stem in the subjunctive and takes given stems', () => {
    expect(forms('erradicar').has('erradiquemos')).toBe(true);
    expect(forms('ahorcar').has('ahorquen')).toBe(true);
    expect(forms('chingar').has('chingue')).toBe(true);
    expect(forms('colgar cuelg').has('cuelguen')).toBe(true);
    expect(forms('quebrar quiebr').has('quiebren')).toBe(true);
    expect(forms('poner pong').has('ponga')).toBe(true);
  });

  it('attaches double pronouns and adds irregular forms', () => {
    expect(forms('echar').get('echenselo')).toMatchObject({ mood: 'imp', enclitic: 'selo' });
    const dar = forms('dar doy:pres1s');
    expect(dar.get('denles')).toMatchObject({ mood: 'imp', enclitic: 'les' });
    expect(dar.get('doy')).toMatchObject({ mood: 'pres', person: 1 });
    expect(dar.get('darle')).toMatchObject({ mood: 'inf', enclitic: 'le' });
  });

  it('rejects a malformed irregular form', () => {
    expect(() => conjugateSpanish('dar doy:nonsense')).toThrow();
  });
});

describe('englishForms', () => {
  it('reads the five forms and the particle', () => {
    const take = new Map(englishForms('take|takes|took|taken|taking out'));
    expect(take.get('took')).toMatchObject({ lemma: 'take', mood: 'past', particle: 'out' });
    expect(take.get('taken')).toMatchObject({ mood: 'part' });
  });
});
