import type { Lexicon } from '../../lexicon/lexicon.js';
import { conjugateSpanish, englishForms, type VerbForm } from './verb-forms.js';

/**
 * Which list a verb comes from: `strong` violent on its own (kill, matar), `weak` violent only
 * against a person (break, colgar), `fate` what befalls a victim (die, morir), `support` verbs
 * that phrases name (put, dar).
 */
export type VerbClass = 'strong' | 'weak' | 'fate' | 'support';

export interface TableForm extends VerbForm {
  readonly verbClass: VerbClass;
}

/** Surface form → its readings, and lemma → its surface forms, for a set of verb lexicons. */
export class VerbTable {
  private readonly readings = new Map<string, TableForm[]>();
  private readonly surfaces = new Map<string, string[]>();

  constructor(lexicons: Readonly<Record<VerbClass, Lexicon>>) {
    for (const [verbClass, lexicon] of Object.entries(lexicons) as [VerbClass, Lexicon][]) {
      for (const entry of lexicon.en) for (const [surface, form] of englishForms(entry)) this.add(surface, { ...form, verbClass });
      for (const entry of lexicon.es) for (const [surface, form] of conjugateSpanish(entry)) this.add(surface, { ...form, verbClass });
    }
  }

  /** Every reading of a word (several when forms coincide: killed = past and participle). */
  readingsOf(word: string): readonly TableForm[] {
    return this.readings.get(word) ?? NONE;
  }

  surfacesOf(lemma: string): readonly string[] {
    return this.surfaces.get(lemma) ?? [];
  }

  private add(surface: string, form: TableForm): void {
    const list = this.readings.get(surface);
    if (list === undefined) this.readings.set(surface, [form]);
    else if (!list.some((f) => sameReading(f, form))) list.push(form);
    const known = this.surfaces.get(form.lemma);
    if (known === undefined) this.surfaces.set(form.lemma, [surface]);
    else if (!known.includes(surface)) known.push(surface);
  }
}

const NONE: readonly TableForm[] = [];

const sameReading = (a: TableForm, b: TableForm): boolean =>
  a.lemma === b.lemma &&
  a.mood === b.mood &&
  a.person === b.person &&
  a.plural === b.plural &&
  a.enclitic === b.enclitic &&
  a.particle === b.particle &&
  a.verbClass === b.verbClass;
