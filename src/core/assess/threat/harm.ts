import events from '../../lexicon/threat-harm-events.json' with { type: 'json' };
import idioms from '../../lexicon/threat-idioms.json' with { type: 'json' };
import strongPhrases from '../../lexicon/threat-phrases-strong.json' with { type: 'json' };
import weakPhrases from '../../lexicon/threat-phrases-weak.json' with { type: 'json' };
import type { Language } from '../../types.js';
import type { PhraseMatches, Words } from './token-patterns.js';
import type { VerbForm } from './verb-forms.js';
import type { TableForm, VerbClass } from './verb-table.js';

/**
 * `act`: doing violence to someone (kill, dar un balazo); `fate`: what befalls a victim (die,
 * sufrir); `event`: a noun of killing (execution, linchamiento).
 */
export type HarmKind = 'act' | 'fate' | 'event';

/** Words of violence in the post, before deciding who does it to whom. */
export interface HarmMention {
  /** Token range [first, last). */
  readonly first: number;
  readonly last: number;
  /** The verb that carries person and mood (first word when there is none). */
  readonly head: number;
  /** Readings of the head verb. */
  readonly forms: readonly VerbForm[];
  readonly kind: HarmKind;
  /** Strong: violent on its own; weak: violent only with a person as its object. */
  readonly strong: boolean;
}

/** Phrase lexicons of violence, matched in the same pass as the other first-pass phrases. */
export const HARM_PHRASES = {
  'harm-strong': strongPhrases,
  'harm-weak': weakPhrases,
  'harm-event': events,
  'harm-idiom': idioms,
} as const;
export type HarmLabel = keyof typeof HARM_PHRASES;

/** How far after an English verb its particle may sit (take him out, beat the guy up). */
const PARTICLE_REACH = 4;

export function findHarm(words: Words, phrases: PhraseMatches<HarmLabel>, language: Language): HarmMention[] {
  const { tokens, readings } = words;
  const found: HarmMention[] = [];
  for (const label of ['harm-strong', 'harm-weak'] as const) {
    for (const m of phrases.of(label)) {
      const head = m.verb >= 0 ? m.verb : m.first;
      found.push({ first: m.first, last: m.last, head, forms: inLanguage(readings[head] ?? [], language), kind: 'act', strong: label === 'harm-strong' });
    }
  }
  for (const m of phrases.of('harm-event')) found.push({ first: m.first, last: m.last, head: m.first, forms: [], kind: 'event', strong: true });

  const covered = new Uint8Array(tokens.length);
  for (const f of found) covered.fill(1, f.first, f.last);
  for (let i = 0; i < tokens.length; i++) {
    const own = readings[i] ?? [];
    if (own.length === 0 || covered[i] === 1) continue;
    const mention = verbMention(words, inLanguage(own, language), i);
    if (mention !== undefined) found.push(mention);
  }

  const idiomatic = new Uint8Array(tokens.length);
  for (const d of phrases.of('harm-idiom')) idiomatic.fill(1, d.first, d.last);
  return found.filter((m) => idiomatic[m.head] !== 1).sort((a, b) => a.first - b.first);
}

/** Word i as violent words: its strong readings first, then weak, then fate (a particle, if needed, must follow). */
function verbMention(words: Words, forms: readonly TableForm[], i: number): HarmMention | undefined {
  const { tokens } = words;
  const token = tokens[i];
  if (token === undefined) return undefined;
  const byClass: Record<VerbClass, TableForm[]> = { strong: [], weak: [], fate: [], support: [] };
  let last = i + 1;
  for (const f of forms) {
    // quemó, mató: a written accent on the last letter is a past tense, not "I burn", "I kill".
    if (token.stressedEnd && f.lang === 'es' && f.mood === 'pres' && f.person === 1 && !f.plural) continue;
    if (f.particle !== undefined) {
      const at = particleAt(tokens, i, f.particle);
      if (at < 0) continue;
      last = Math.max(last, at + 1);
    }
    byClass[f.verbClass].push(f);
  }
  for (const [verbClass, kind] of [
    ['strong', 'act'],
    ['weak', 'act'],
    ['fate', 'fate'],
  ] as const) {
    const fitting = byClass[verbClass];
    if (fitting.length === 0) continue;
    // A verb with a particle entry and a bare entry (beat up / beat): the particle reading wins.
    const withParticle = fitting.filter((f) => f.particle !== undefined);
    const chosen = withParticle.length > 0 ? withParticle : fitting;
    return { first: i, last: withParticle.length > 0 ? last : i + 1, head: i, forms: chosen, kind, strong: verbClass !== 'weak' };
  }
  return undefined;
}

/** Token index of an English verb's particle within reach in the same sentence, or -1. */
function particleAt(tokens: Words['tokens'], i: number, particle: string): number {
  const sentence = tokens[i]?.sentence;
  for (let k = i + 1; k <= i + PARTICLE_REACH; k++) {
    const next = tokens[k];
    if (next === undefined || next.sentence !== sentence) return -1;
    if (next.text === particle) return k;
  }
  return -1;
}

/** A word that is a verb in both languages (eliminate = elimina + te) is read in the post's language. */
function inLanguage(forms: readonly TableForm[], language: Language): TableForm[] {
  const own = forms.filter((f) => f.lang === language);
  return own.length > 0 ? own : [...forms];
}
