import advocacyAfter from '../../lexicon/threat-cue-advocacy-after.json' with { type: 'json' };
import advocacy from '../../lexicon/threat-cue-advocacy.json' with { type: 'json' };
import defiance from '../../lexicon/threat-cue-defiance.json' with { type: 'json' };
import fateOther from '../../lexicon/threat-cue-fate-other.json' with { type: 'json' };
import fateYou from '../../lexicon/threat-cue-fate-you.json' with { type: 'json' };
import inciteBare from '../../lexicon/threat-cue-incite-bare.json' with { type: 'json' };
import incite from '../../lexicon/threat-cue-incite.json' with { type: 'json' };
import intentStart from '../../lexicon/threat-cue-intent-start.json' with { type: 'json' };
import intent from '../../lexicon/threat-cue-intent.json' with { type: 'json' };
import progressive from '../../lexicon/threat-cue-progressive.json' with { type: 'json' };
import reward from '../../lexicon/threat-cue-reward.json' with { type: 'json' };
import speech from '../../lexicon/threat-cue-speech.json' with { type: 'json' };
import wish from '../../lexicon/threat-cue-wish.json' with { type: 'json' };
import conjunctions from '../../lexicon/threat-conjunctions.json' with { type: 'json' };
import breakers from '../../lexicon/threat-gap-breakers.json' with { type: 'json' };
import imperativeLeads from '../../lexicon/threat-imperative-leads.json' with { type: 'json' };
import negation from '../../lexicon/threat-negation.json' with { type: 'json' };
import negativeSubjects from '../../lexicon/threat-negative-subjects.json' with { type: 'json' };
import type { HarmMention } from './harm.js';
import { targetOf, type Target } from './targets.js';
import { wordSet, type PhraseMatch, type PhraseMatches, type Words } from './token-patterns.js';
import type { Token } from './tokens.js';
import { CLITICS, phraseBook } from './vocabulary.js';

/**
 * Who does the violence, read from the words that govern it:
 * intent — the author will do it (I'm going to, te voy a, mataré);
 * incite — others are told or urged to (someone should, hay que, denles, run them down);
 * reward — it is paid for (to whoever, al que le rompa);
 * advocacy — it is called for as deserved or right (should be shot, merecen morir);
 * wish — it is wished for (I wish, ojalá, if only someone would);
 * fate — it is foretold to the person addressed (you will die, te vas a morir) or to a third.
 */
export type Construction = 'intent' | 'incite' | 'reward' | 'advocacy' | 'wish' | 'fate-you' | 'fate-other';

export interface Reading {
  readonly construction?: Construction;
  readonly target: Target;
  /** The governing words were negated (I would never hurt, ningún X merece morir). */
  readonly negated: boolean;
  /** The mention sits in reported speech: charged with threatening to …, dijo que … */
  readonly reported: boolean;
  /** Token where the governing words start (the mention's own start when none). */
  readonly from: number;
}

type CueClass =
  | 'intent'
  | 'intent-start'
  | 'progressive'
  | 'defiance'
  | 'incite'
  | 'incite-bare'
  | 'reward'
  | 'advocacy'
  | 'wish'
  | 'fate-you'
  | 'fate-other';

interface CueSpec {
  readonly construction: Construction;
  /** Most words allowed between the cue and the violent words. */
  readonly reach: number;
  /** The cue must open its clause (a dropped subject: "gonna stab you"). */
  readonly atStart?: boolean;
}

const CUES: Readonly<Record<CueClass, CueSpec>> = {
  intent: { construction: 'intent', reach: 4 },
  'intent-start': { construction: 'intent', reach: 3, atStart: true },
  progressive: { construction: 'intent', reach: 1 },
  defiance: { construction: 'intent', reach: 4 },
  incite: { construction: 'incite', reach: 4 },
  'incite-bare': { construction: 'incite', reach: 0 },
  reward: { construction: 'reward', reach: 4 },
  advocacy: { construction: 'advocacy', reach: 4 },
  wish: { construction: 'wish', reach: 6 },
  'fate-you': { construction: 'fate-you', reach: 3 },
  'fate-other': { construction: 'fate-other', reach: 3 },
};

/** Which cues can govern each kind of violent words. */
const CUES_FOR: Readonly<Record<HarmMention['kind'], readonly CueClass[]>> = {
  act: ['intent', 'intent-start', 'progressive', 'defiance', 'incite', 'incite-bare', 'reward', 'advocacy', 'wish', 'fate-you'],
  fate: ['fate-you', 'fate-other', 'advocacy', 'wish', 'incite'],
  event: ['advocacy', 'wish', 'incite', 'intent'],
};

type CueLabel = CueClass | 'speech' | 'after';

const CUE_BOOK = phraseBook<CueLabel>({
  intent,
  'intent-start': intentStart,
  progressive,
  defiance,
  incite,
  'incite-bare': inciteBare,
  reward,
  advocacy,
  wish,
  'fate-you': fateYou,
  'fate-other': fateOther,
  speech,
  after: advocacyAfter,
});

const NEGATION = wordSet(negation);
const NEGATIVE_SUBJECTS = wordSet(negativeSubjects);
const BREAKERS = wordSet(breakers);
/** Words before an English imperative that keep it at the head of its clause: just / folks, run them down. */
const IMPERATIVE_LEAD = wordSet(imperativeLeads);
const CONJUNCTIONS = wordSet(conjunctions);
const COORDINATION_REACH = 8;
const SPEECH_REACH = 10;
/** No cue phrase is longer than this many words (bounds the look-ahead for cues after the words). */
const LONGEST_CUE = 12;
const AFTER_REACH = 5;

/** Cue occurrences of one post, found once and shared by all its violent words. */
export type CueIndex = PhraseMatches<CueLabel>;

export const indexCues = (words: Words): CueIndex => CUE_BOOK.findAll(words);

/** Words at token `first` follow a verb of saying in their clause: charged with threatening to …, dijo que … */
export function isReported(index: CueIndex, tokens: readonly Token[], first: number): boolean {
  return index.endingIn('speech', first - SPEECH_REACH, first + 1).some((s) => sameClause(tokens, s.first, first));
}

export function readMention(m: HarmMention, tokens: readonly Token[], index: CueIndex): Reading {
  const target = targetOf(m, tokens);
  const base = { target, reported: isReported(index, tokens, m.first) };

  const cue = nearestCue(m, tokens, index);
  if (cue !== undefined) return { ...base, construction: CUES[cue.cls].construction, negated: cue.negated, from: cue.match.first };

  const builtIn = grammaticalConstruction(m, tokens, target);
  if (builtIn !== undefined) return { ...base, construction: builtIn, negated: negatedBefore(tokens, m.first, 3), from: m.first };

  const after = index
    .endingIn('after', m.last + 1, m.last + AFTER_REACH + LONGEST_CUE)
    .find((a) => a.first >= m.last && a.first - m.last <= AFTER_REACH && sameClause(tokens, m.first, a.first));
  if (after !== undefined && m.kind !== 'fate') return { ...base, construction: 'advocacy', negated: negatedBefore(tokens, m.first, 2), from: m.first };

  return { ...base, negated: negatedBefore(tokens, m.first, 2), from: m.first };
}

/**
 * Violent words joined by `and` to earlier governed ones share their construction:
 * "to whoever jumps him and PUTS him in the ER", "te voy a encontrar y te voy a …".
 */
export function coordinated(previous: HarmMention, m: HarmMention, tokens: readonly Token[]): boolean {
  const joint = tokens[m.first - 1];
  return (
    joint !== undefined &&
    CONJUNCTIONS.has(joint.text) &&
    m.first - previous.last <= COORDINATION_REACH &&
    tokens[previous.first]?.sentence === tokens[m.first]?.sentence &&
    !hasBreaker(tokens, previous.last, m.first)
  );
}

interface CueHit {
  readonly cls: CueClass;
  readonly match: PhraseMatch;
  readonly negated: boolean;
}

/** The closest cue that ends before the violent words, within its reach, in the same sentence. */
function nearestCue(m: HarmMention, tokens: readonly Token[], cues: CueIndex): CueHit | undefined {
  let best: CueHit | undefined;
  for (const cls of CUES_FOR[m.kind]) {
    if (!cueFits(cls, m)) continue;
    for (const match of cues.endingIn(cls, m.first - COORDINATION_REACH, m.last + 1)) {
      // A cue may run into the violent words: "me encantaría VER sufrir", "I'd love to SEE them suffer".
      if (match.first >= m.first) continue;
      const gap = Math.max(0, m.first - match.last);
      // Verbs joined by `and` share the cue: "I'll come to your house AND break your legs".
      const reach = CONJUNCTIONS.has(tokens[m.first - 1]?.text ?? '') ? COORDINATION_REACH : CUES[cls].reach;
      if (gap > reach) continue;
      if (CUES[cls].atStart === true && !atClauseStart(tokens, match.first)) continue;
      if (tokens[match.first]?.sentence !== tokens[m.first]?.sentence) continue;
      if (hasBreaker(tokens, match.last, m.first)) continue;
      if (best !== undefined && match.last < best.match.last) continue;
      if (best !== undefined && match.last === best.match.last && match.first >= best.match.first) continue;
      const negated = cls !== 'defiance' && (hasNegation(tokens, match.last, m.first) || negatedBefore(tokens, match.first, 3));
      best = { cls, match, negated };
    }
  }
  return best;
}

/** Some cues need a particular verb form: I'm runnING you over; whoever takes (not took) him out. */
function cueFits(cls: CueClass, m: HarmMention): boolean {
  const moods = new Set(m.forms.map((f) => f.mood));
  const english = m.forms.length > 0 && m.forms.every((f) => f.lang === 'en');
  if (cls === 'progressive') return moods.has('ing');
  if (cls === 'reward' && english) return moods.has('base') || moods.has('s3') || moods.has('ing');
  if (cls === 'fate-you' && m.kind === 'act') return moods.has('part');
  return true;
}

/**
 * Spanish person and mood carry the construction without a cue: mataré (I will), te mato (I'll
 * kill you), denles / rómpanle (do it, you all), eliminemos (let's), morirás (you will die).
 * English: an imperative at the head of its clause aimed at a person (jump him, run them down).
 */
function grammaticalConstruction(m: HarmMention, tokens: readonly Token[], target: Target): Construction | undefined {
  const clauseStart = atClauseStart(tokens, m.first);
  for (const f of m.forms) {
    if (f.lang === 'es') {
      if (m.kind === 'fate') {
        if (f.mood === 'fut' && f.person === 2) return 'fate-you';
        if (f.mood === 'subj' && jussive(tokens, m.first)) return 'wish';
        continue;
      }
      if (f.mood === 'fut' && f.person === 1) return 'intent';
      if (f.mood === 'pres' && f.person === 1 && target === 'person') return 'intent';
      if (f.mood === 'imp' && (f.enclitic !== '' || (clauseStart && f.plural))) return 'incite';
      if (f.mood === 'imp' && f.plural && f.person === 3 && jussive(tokens, m.first)) return 'incite';
    } else if (f.mood === 'base' && m.kind === 'act' && clauseStart && target === 'person') {
      return 'incite';
    }
  }
  return undefined;
}

/** `que le rompan la madre`, `que se muera`: a wish or command with que at the head of its clause. */
function jussive(tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  if (CLITICS.has(tokens[k]?.text ?? '') || tokens[k]?.text === 'se') k--;
  return tokens[k]?.text === 'que' && atClauseStart(tokens, k);
}

function atClauseStart(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (before === undefined || before.clause !== tokens[i]?.clause) return true;
  if (!IMPERATIVE_LEAD.has(before.text)) return false;
  const earlier = tokens[i - 2];
  return earlier === undefined || earlier.clause !== before.clause || IMPERATIVE_LEAD.has(earlier.text);
}

const sameClause = (tokens: readonly Token[], a: number, b: number): boolean => tokens[a]?.clause === tokens[b]?.clause;

function hasBreaker(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (BREAKERS.has(tokens[k]?.text ?? '')) return true;
  return false;
}

function hasNegation(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (NEGATION.has(tokens[k]?.text ?? '')) return true;
  return false;
}

/** A negation right before the words (do NOT deserve), or a negative subject (NO one / NINGÚN X merece). */
function negatedBefore(tokens: readonly Token[], at: number, reach: number): boolean {
  const clause = tokens[at]?.clause;
  const previous = tokens[at - 1];
  if (previous !== undefined && previous.clause === clause && NEGATION.has(previous.text)) return true;
  for (let k = at - 1; k >= Math.max(0, at - reach); k--) {
    const t = tokens[k];
    if (t === undefined || t.clause !== clause) break;
    if (NEGATIVE_SUBJECTS.has(t.text)) return true;
  }
  return false;
}
