import calls from '../../lexicon/threat-calls.json' with { type: 'json' };
import conditional from '../../lexicon/threat-conditional.json' with { type: 'json' };
import emoji from '../../lexicon/threat-emoji.json' with { type: 'json' };
import fatePhrases from '../../lexicon/threat-fate-phrases.json' with { type: 'json' };
import negation from '../../lexicon/threat-negation.json' with { type: 'json' };
import omen from '../../lexicon/threat-omen.json' with { type: 'json' };
import rally from '../../lexicon/threat-rally.json' with { type: 'json' };
import serious from '../../lexicon/threat-serious.json' with { type: 'json' };
import veiledStrong from '../../lexicon/threat-veiled-strong.json' with { type: 'json' };
import veiledWeak from '../../lexicon/threat-veiled-weak.json' with { type: 'json' };
import weaponCall from '../../lexicon/threat-weapon-call.json' with { type: 'json' };
import type { PhraseMatches, Words } from './token-patterns.js';
import { wordSet } from './token-patterns.js';
import { upperBound } from '../../sorted.js';

/**
 * Threat signals that stand on their own, without a verb of violence to govern: foretold
 * outcomes (you won't walk home, vas a aparecer en una bolsa), veiled warnings (we know where you
 * live), calls (death to …), calls to arms (bring bats), and the supporting tone of a threat
 * (a condition, "not a joke", a weapon emoji) that only adds to other signals.
 */
export const STANDALONE_PHRASES = {
  fate: fatePhrases,
  veiled: veiledStrong,
  call: calls,
  omen,
  'veiled-hint': veiledWeak,
  rally,
  weapon: weaponCall,
  condition: conditional,
  serious,
} as const;
export type StandaloneLabel = keyof typeof STANDALONE_PHRASES;
export type StandaloneKind = StandaloneLabel | 'emoji';

export interface StandaloneSignal {
  readonly kind: StandaloneKind;
  /** NORMALIZED offsets. */
  readonly start: number;
  readonly end: number;
  /** Token range [first, last) (emoji: the word before it). */
  readonly first: number;
  readonly last: number;
}

const LABELS = Object.keys(STANDALONE_PHRASES) as StandaloneLabel[];
/** Warnings read the other way when negated: "I don't know where you live" is not one. */
const NEGATABLE: ReadonlySet<StandaloneKind> = new Set(['veiled', 'call', 'veiled-hint', 'rally', 'weapon']);
const NEGATION = wordSet(negation);
const EMOJI: readonly string[] = [...emoji.en, ...emoji.es];

export function findStandalone(words: Words, phrases: PhraseMatches<StandaloneLabel>, text: string): StandaloneSignal[] {
  const { tokens } = words;
  const found: StandaloneSignal[] = [];
  for (const kind of LABELS) {
    for (const m of phrases.of(kind)) {
      const before = tokens[m.first - 1];
      if (NEGATABLE.has(kind) && before !== undefined && NEGATION.has(before.text) && before.clause === tokens[m.first]?.clause) continue;
      const start = tokens[m.first]?.start ?? 0;
      found.push({ kind, start, end: tokens[m.last - 1]?.end ?? start, first: m.first, last: m.last });
    }
  }
  for (const e of EMOJI) {
    for (let at = text.indexOf(e); at >= 0; at = text.indexOf(e, at + e.length)) {
      const before = Math.max(0, lastTokenBefore(tokens, at));
      found.push({ kind: 'emoji', start: at, end: at + e.length, first: before, last: before + 1 });
    }
  }
  return found;
}

/** Index of the last token ending at or before `at` (binary search), or -1. */
function lastTokenBefore(tokens: Words['tokens'], at: number): number {
  return upperBound(tokens.length, (i) => tokens[i]?.end ?? 0, at) - 1;
}
