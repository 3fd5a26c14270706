import { foldForMatching } from '../fold.js';

/** Grammatical reading of one verb form. English uses base/s3/past/part/ing; Spanish the rest. */
export type Mood = 'base' | 's3' | 'past' | 'part' | 'ing' | 'inf' | 'ger' | 'fut' | 'cond' | 'pres' | 'subj' | 'impsubj' | 'imp';

export interface VerbForm {
  readonly lemma: string;
  readonly lang: 'en' | 'es';
  readonly mood: Mood;
  /** 1, 2 or 3; 0 when the form does not mark person (infinitive, English forms). */
  readonly person: 0 | 1 | 2 | 3;
  readonly plural: boolean;
  /** Spanish pronouns attached to the end (matarLO, dénLES, échenSELO); '' when none. */
  readonly enclitic: string;
  /** English phrasal particle the verb needs to mean harm (take … out, beat … up). */
  readonly particle?: string;
}

type Surface = readonly [surface: string, form: VerbForm];

const SINGLE_CLITICS = ['lo', 'la', 'los', 'las', 'le', 'les', 'te', 'me', 'nos', 'se'];
const DOUBLE_CLITICS = ['se', 'me', 'te', 'nos'].flatMap((a) => ['lo', 'la', 'los', 'las'].map((b) => a + b));
const CLITICS = [...SINGLE_CLITICS, ...DOUBLE_CLITICS];
/** Moods that take pronouns at the end of the word. */
const ENCLITIC_MOODS: ReadonlySet<Mood> = new Set(['inf', 'ger', 'imp']);
const EXTRA_FEATURES = /^(impsubj|inf|ger|part|fut|cond|pres|subj|imp|past)([123])?([sp])?$/;
const VOWEL_BEFORE_C = /[aeiou]c$/;

/**
 * Every form of a Spanish verb the threat rules read, folded like the text (no accents), from a
 * lexicon entry `infinitive [present-stem] [form:features …]`: the present stem covers
 * stem-changing verbs (quebrar → quiebr), `form:features` adds irregular forms
 * (`doy:pres1s`, `muerto:part`, `pon:imp2s`).
 */
export function conjugateSpanish(entry: string): Surface[] {
  const [rawInfinitive = '', ...rest] = entry.trim().split(/\s+/);
  const infinitive = foldForMatching(rawInfinitive);
  const ending = infinitive.slice(-2);
  const root = infinitive.slice(0, -2);
  const stemOverride = rest.find((r) => !r.includes(':'));
  const present = stemOverride === undefined ? root : foldForMatching(stemOverride);
  // A given stem is already spelled for the subjunctive (pong → ponga) except for -ar verbs (cuelg → cuelgue).
  const subjunctive = stemOverride === undefined || ending === 'ar' ? subjunctiveStem(present, ending) : present;
  const subjunctiveRoot = subjunctiveStem(root, ending);
  const lemma = infinitive;
  const out: Surface[] = [];
  const add = (surface: string, mood: Mood, person: 0 | 1 | 2 | 3 = 0, plural = false): void => {
    out.push([surface, { lemma, lang: 'es', mood, person, plural, enclitic: '' }]);
  };

  const ar = ending === 'ar';
  const theme = ar ? 'a' : 'e';
  const subjTheme = ar ? 'e' : 'a';
  add(infinitive, 'inf');
  add(root + (ar ? 'ando' : 'iendo'), 'ger');
  for (const suffix of ['o', 'a', 'os', 'as']) add(root + (ar ? 'ad' : 'id') + suffix, 'part');
  add(`${infinitive}e`, 'fut', 1);
  add(`${infinitive}as`, 'fut', 2);
  add(`${infinitive}a`, 'fut', 3);
  add(`${infinitive}emos`, 'fut', 1, true);
  add(`${infinitive}an`, 'fut', 3, true);
  add(`${infinitive}ia`, 'cond', 1);
  add(`${infinitive}iamos`, 'cond', 1, true);
  add(`${infinitive}ian`, 'cond', 3, true);
  add(`${present}o`, 'pres', 1);
  add(`${present}${theme}s`, 'pres', 2);
  add(`${present}${theme}`, 'pres', 3);
  add(`${root}${ending === 'ir' ? 'i' : theme}mos`, 'pres', 1, true);
  add(`${present}${theme}n`, 'pres', 3, true);
  add(`${subjunctive}${subjTheme}`, 'subj', 3);
  add(`${subjunctive}${subjTheme}s`, 'subj', 2);
  add(`${subjunctiveRoot}${subjTheme}mos`, 'subj', 1, true);
  add(`${subjunctive}${subjTheme}n`, 'subj', 3, true);
  const past = ar ? 'ara' : 'iera';
  add(root + past, 'impsubj', 3);
  add(`${root}${past}mos`, 'impsubj', 1, true);
  add(`${root}${past}n`, 'impsubj', 3, true);
  add(`${present}${theme}`, 'imp', 2);
  add(`${subjunctive}${subjTheme}`, 'imp', 3);
  add(`${subjunctive}${subjTheme}n`, 'imp', 3, true);
  add(`${subjunctiveRoot}${subjTheme}mos`, 'imp', 1, true);

  for (const extra of rest.filter((r) => r.includes(':'))) {
    const [surface = '', features = ''] = extra.split(':');
    const f = EXTRA_FEATURES.exec(features);
    if (f === null) throw new Error(`threat verb lexicon: bad features in "${entry}"`);
    const person = f[2] === undefined ? 0 : (Number(f[2]) as 1 | 2 | 3);
    add(foldForMatching(surface), f[1] as Mood, person, f[3] === 'p');
  }
  return withEnclitics(out);
}

/** Adds the forms with pronouns attached (matarlo, denles, erradiquemoslos, matemonos). */
function withEnclitics(forms: readonly Surface[]): Surface[] {
  const out = [...forms];
  for (const [surface, form] of forms) {
    if (!ENCLITIC_MOODS.has(form.mood)) continue;
    for (const clitic of CLITICS) {
      // nosotros imperative drops its -s before nos: matemos + nos → matemonos.
      const base = form.mood === 'imp' && form.person === 1 && clitic.startsWith('nos') ? surface.slice(0, -1) : surface;
      out.push([base + clitic, { ...form, enclitic: clitic }]);
    }
  }
  return out;
}

/** Present-subjunctive stem with the spelling changes that keep the consonant's sound. */
function subjunctiveStem(stem: string, ending: string): string {
  if (ending === 'ar') {
    if (stem.endsWith('c')) return `${stem.slice(0, -1)}qu`;
    if (stem.endsWith('g')) return `${stem}u`;
    if (stem.endsWith('z')) return `${stem.slice(0, -1)}c`;
    return stem;
  }
  if (stem.endsWith('gu')) return stem.slice(0, -1);
  if (stem.endsWith('g')) return `${stem.slice(0, -1)}j`;
  if (VOWEL_BEFORE_C.test(stem)) return `${stem.slice(0, -1)}zc`;
  if (stem.endsWith('c')) return `${stem.slice(0, -1)}z`;
  return stem;
}

/** English entry `base|s3|past|participle|ing [particle]`, e.g. `take|takes|took|taken|taking out`. */
export function englishForms(entry: string): Surface[] {
  const [forms = '', particle] = entry.trim().split(/\s+/);
  const [base = '', s3 = '', past = '', part = '', ing = ''] = forms.split('|');
  if (ing === '') throw new Error(`threat verb lexicon: "${entry}" needs base|s3|past|participle|ing`);
  const moods: readonly (readonly [string, Mood])[] = [
    [base, 'base'],
    [s3, 's3'],
    [past, 'past'],
    [part, 'part'],
    [ing, 'ing'],
  ];
  return moods.map(([surface, mood]) => [
    surface,
    { lemma: base, lang: 'en', mood, person: 0, plural: false, enclitic: '', ...(particle === undefined ? {} : { particle }) },
  ]);
}
