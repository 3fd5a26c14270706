import type { Lexicon } from '../../lexicon/lexicon.js';
import adverbs from '../../lexicon/threat-adverbs.json' with { type: 'json' };
import bodyParts from '../../lexicon/threat-body-parts.json' with { type: 'json' };
import clitics from '../../lexicon/threat-clitics.json' with { type: 'json' };
import harmNouns from '../../lexicon/threat-harm-nouns.json' with { type: 'json' };
import possessives from '../../lexicon/threat-possessives.json' with { type: 'json' };
import targetWords from '../../lexicon/threat-target-words.json' with { type: 'json' };
import fateVerbs from '../../lexicon/threat-verbs-fate.json' with { type: 'json' };
import strongVerbs from '../../lexicon/threat-verbs-strong.json' with { type: 'json' };
import supportVerbs from '../../lexicon/threat-verbs-support.json' with { type: 'json' };
import weakVerbs from '../../lexicon/threat-verbs-weak.json' with { type: 'json' };
import weapons from '../../lexicon/threat-weapons.json' with { type: 'json' };
import { PhraseBook, wordSet, type Words } from './token-patterns.js';
import type { Token } from './tokens.js';
import { VerbTable } from './verb-table.js';

/** Every verb the threat rules know, each reading tagged with its list (strong, weak, fate, support). */
export const VERBS = new VerbTable({ strong: strongVerbs, weak: weakVerbs, fate: fateVerbs, support: supportVerbs });

export const TARGET_WORDS = wordSet(targetWords);
export const BODY_PARTS = wordSet(bodyParts);
export const CLITICS = wordSet(clitics);

const SLOTS: Readonly<Record<string, ReadonlySet<string>>> = {
  pro: TARGET_WORDS,
  poss: wordSet(possessives),
  body: BODY_PARTS,
  hn: wordSet(harmNouns),
  weapon: wordSet(weapons),
  adv: wordSet(adverbs),
  cl: CLITICS,
};

/** Compiles labelled phrase lexicons into one index with the shared verb table and word lists. */
export const phraseBook = <L extends string>(lexicons: Readonly<Record<L, Lexicon>>): PhraseBook<L> => new PhraseBook(lexicons, VERBS, SLOTS);

/** The words of a post with their verb readings. */
export const wordsOf = (tokens: readonly Token[]): Words => ({ tokens, readings: tokens.map((t) => VERBS.readingsOf(t.text)) });
