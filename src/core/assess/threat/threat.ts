import type { Frame, FrameKind } from '../frames.js';
import { logistic, type AssessInput, type LabelScore, type SignalHit } from '../signals.js';
import { coordinated, indexCues, isReported, readMention, type Construction, type Reading } from './constructions.js';
import { findHarm, HARM_PHRASES, type HarmMention } from './harm.js';
import { findStandalone, STANDALONE_PHRASES, type StandaloneKind } from './standalone.js';
import type { Token } from './tokens.js';
import { phraseBook, wordsOf } from './vocabulary.js';
import { upperBound } from '../../sorted.js';

/**
 * The `threat` label (POLICY §2): violence threatened, wished for, incited or paid for against
 * a person or a group. Score = logistic(BIAS + Σ hit weights). The strongest piece of evidence
 * counts in full and further ones at half (capped), so piling up violent words does not outweigh
 * a frame that defeats them: reporting, counter-speech, quotation, fiction, games, history,
 * hyperbole. 0.5 is the decision boundary.
 */

const BIAS = -3;

/** Violent words and standalone threat phrases, found in one pass; cues and frames only when needed. */
const FIRST_PASS = phraseBook({ ...HARM_PHRASES, ...STANDALONE_PHRASES });

const CONSTRUCTION_WEIGHT: Readonly<Record<Construction, number>> = {
  intent: 5.5,
  incite: 5.5,
  reward: 5.5,
  advocacy: 5,
  wish: 4.5,
  'fate-you': 5,
  'fate-other': 2.5,
};
const CONSTRUCTION_REASON: Readonly<Record<Construction, string>> = {
  intent: 'the author says they will commit violence',
  incite: 'calls on others to commit violence',
  reward: 'offers a reward for violence',
  advocacy: 'says someone should suffer violence',
  wish: 'wishes violence on someone',
  'fate-you': 'foretells violence to the person addressed',
  'fate-other': 'foretells violence to someone',
};
/** A governed verb that is violent only against a person, with no person in sight (hang these photos). */
const UNTARGETED = 2;
/** Violent words nobody is said to do (news-like): a little evidence, never enough alone. */
const BARE_STRONG = 1;
const BARE_WEAK = 0.5;

const STANDALONE_WEIGHT: Readonly<Record<StandaloneKind, number>> = {
  fate: 4.5,
  veiled: 3.5,
  call: 4.5,
  omen: 3.5,
  'veiled-hint': 1.5,
  rally: 1.5,
  weapon: 2.5,
  condition: 1,
  serious: 1,
  emoji: 1,
};
const STANDALONE_REASON: Readonly<Record<StandaloneKind, string>> = {
  fate: "foretells the target's death or injury",
  veiled: 'veiled threat',
  call: 'calls for death or violence',
  omen: 'ominous warning',
  'veiled-hint': 'menacing hint',
  rally: 'rallies others to act',
  weapon: 'brings weapons into it',
  condition: 'sets a condition on the target',
  serious: 'insists it is meant',
  emoji: 'weapon emoji',
};
/** Tone that only adds to other evidence. */
const SUPPORT: ReadonlySet<StandaloneKind> = new Set(['condition', 'serious', 'emoji']);

const FRAME_WEIGHT: Readonly<Record<FrameKind, number>> = {
  reporting: -5.5,
  fiction: -5.5,
  counter_speech: -4.5,
  game_sport: -4.5,
  history: -4,
  hyperbole: -3,
  quotation: 0,
};
/** Frames that a plain statement of seriousness undoes ("not in game. IRL."). */
const UNDONE_BY_SERIOUSNESS: ReadonlySet<FrameKind> = new Set(['game_sport', 'hyperbole']);
/** Violent words that are someone else's, quoted or reported: shown, weighed lightly against. */
const QUOTED = -1;
const REPORTED = -1;
/** Beyond the strongest, further evidence counts at this rate, up to this much in total. */
const FURTHER_RATE = 0.5;
const FURTHER_CAP = 3;

export function scoreThreat(input: AssessInput): LabelScore {
  const tokens = input.tokens();
  const words = wordsOf(tokens);
  const found = FIRST_PASS.findAll(words);
  const mentions = findHarm(words, found, input.language);
  const standalone = findStandalone(words, found, input.folded);
  if (mentions.length === 0 && standalone.length === 0) return { score: logistic(BIAS), hits: [] };

  const frames = input.frames();
  const quotes = frames.filter((f) => f.kind === 'quotation');
  const index = indexCues(words);

  const evidence: SignalHit[] = [];
  const against: SignalHit[] = [];
  let previous: { readonly m: HarmMention; readonly reading: Reading } | undefined;
  for (const m of mentions) {
    let reading = readMention(m, tokens, index);
    if (reading.construction === undefined && previous?.reading.construction !== undefined && coordinated(previous.m, m, tokens)) {
      reading = { ...reading, construction: previous.reading.construction, negated: previous.reading.negated, from: previous.reading.from };
    }
    previous = { m, reading };
    const weight = mentionWeight(m, reading);
    if (weight <= 0) continue;
    const span = spanOf(tokens, reading.from, m.last);
    if (inside(quotes, span)) against.push({ signal: 'threat.quoted-violence', weight: QUOTED, ...span, reason: 'violent words inside a quotation' });
    else if (reading.reported) against.push({ signal: 'threat.reported-violence', weight: REPORTED, ...span, reason: 'violent words in reported speech' });
    else evidence.push(mentionHit(m, reading, weight, span));
  }

  const support: SignalHit[] = [];
  for (const s of standalone) {
    const hit: SignalHit = { signal: `threat.${s.kind}`, weight: STANDALONE_WEIGHT[s.kind], start: s.start, end: s.end, reason: STANDALONE_REASON[s.kind] };
    if (inside(quotes, s)) {
      if (!SUPPORT.has(s.kind)) against.push({ ...hit, signal: 'threat.quoted-violence', weight: QUOTED, reason: 'threatening words inside a quotation' });
    } else if (isReported(index, tokens, s.first) && !SUPPORT.has(s.kind)) {
      against.push({ ...hit, signal: 'threat.reported-violence', weight: REPORTED, reason: 'threatening words in reported speech' });
    } else {
      (SUPPORT.has(s.kind) ? support : evidence).push(hit);
    }
  }

  const serious = standalone.some((s) => s.kind === 'serious' && !inside(quotes, s));
  const hits = [...combine(evidence, evidence.length > 0 ? support : []), ...capped(against), ...frameHits(frames, serious)];
  return { score: logistic(hits.reduce((sum, h) => sum + h.weight, BIAS)), hits };
}

function mentionWeight(m: HarmMention, r: Reading): number {
  if (r.target === 'self' || r.negated) return 0;
  if (r.construction === undefined) {
    if (m.kind !== 'act') return 0;
    return m.strong ? BARE_STRONG : r.target === 'person' ? BARE_WEAK : 0;
  }
  if (!m.strong && r.target !== 'person') return UNTARGETED;
  return CONSTRUCTION_WEIGHT[r.construction];
}

function mentionHit(m: HarmMention, r: Reading, weight: number, span: { start: number; end: number }): SignalHit {
  if (r.construction === undefined) return { signal: 'threat.violent-words', weight, ...span, reason: 'violent words' };
  if (!m.strong && r.target !== 'person') return { signal: 'threat.untargeted', weight, ...span, reason: 'violent verb with no person as its object' };
  return { signal: `threat.${r.construction}`, weight, ...span, reason: CONSTRUCTION_REASON[r.construction] };
}

/** The strongest evidence in full, the rest at a reduced rate up to a cap. */
function combine(evidence: readonly SignalHit[], support: readonly SignalHit[]): SignalHit[] {
  const sorted = [...evidence, ...support].sort((a, b) => b.weight - a.weight);
  const [strongest, ...rest] = sorted;
  if (strongest === undefined) return [];
  const out: SignalHit[] = [strongest];
  let further = 0;
  for (const h of rest) {
    const w = Math.min(h.weight * FURTHER_RATE, FURTHER_CAP - further);
    if (w <= 0) break;
    further += w;
    out.push({ ...h, weight: w });
  }
  return out;
}

/** Quoted or reported violence counts against once per kind. */
function capped(against: readonly SignalHit[]): SignalHit[] {
  const seen = new Set<string>();
  return against.filter((h) => !seen.has(h.signal) && seen.add(h.signal));
}

function frameHits(frames: readonly Frame[], serious: boolean): SignalHit[] {
  const seen = new Set<FrameKind>();
  const hits: SignalHit[] = [];
  for (const f of frames) {
    if (FRAME_WEIGHT[f.kind] === 0 || seen.has(f.kind) || (serious && UNDONE_BY_SERIOUSNESS.has(f.kind))) continue;
    seen.add(f.kind);
    hits.push({ signal: `threat.frame-${f.kind.replace('_', '-')}`, weight: FRAME_WEIGHT[f.kind], start: f.start, end: f.end, reason: f.reason });
  }
  return hits;
}

function spanOf(tokens: readonly Token[], first: number, last: number): { start: number; end: number } {
  const start = tokens[first]?.start ?? 0;
  return { start, end: tokens[last - 1]?.end ?? start };
}

/** Whether a span lies within one quotation; quotations are sorted and disjoint (binary search). */
function inside(quotes: readonly Frame[], s: { start: number; end: number }): boolean {
  const q = quotes[upperBound(quotes.length, (i) => quotes[i]?.start ?? 0, s.start) - 1];
  return q !== undefined && s.end <= q.end;
}
