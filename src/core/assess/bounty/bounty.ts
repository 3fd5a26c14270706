import type { FrameKind } from '../frames.js';
import { logistic, type AssessInput, type LabelScore, type SignalHit } from '../signals.js';
import { findLegitMarkers } from './legit.js';
import { WordIndex, type Match } from './phrases.js';
import { findPurposes, type Purpose } from './purpose.js';
import { findOfferContext, findRewardCues, mayOfferReward, type RewardCue, type RewardCueKind } from './reward.js';

/** What the reward is offered for: harm to a person, or a person's private information. */
export type BountyKind = 'harm' | 'info';

export interface BountyScore extends LabelScore {
  /** What the strongest purpose behind the score is; absent when no purpose was found. */
  readonly kind?: BountyKind;
}

/**
 * Hand-set weights, summed and squashed by `logistic`, so 0.5 is the decision boundary.
 * A reward alone (at most amount + offer = 2.4) stays below the bias; it takes a purpose tied
 * to the reward (harm 3.0, information 2.5) to cross it. Markers of a lawful reward, a
 * reported or quoted offer and the framings of POLICY §3 pull the score back down.
 */
const BIAS = -3;
const CUE_WEIGHT: Readonly<Record<RewardCueKind, number>> = {
  amount: 1.2,
  'bare-amount': 0.8,
  goods: 1.0,
  offer: 1.2,
  'reward-word': 1.2,
};
const PURPOSE_WEIGHT = { harm: { linked: 3.0, near: 0.5 }, info: { linked: 2.5, near: 0.4 } } as const;
const LEGIT_AUTHORITY = -4;
const LEGIT_PROPERTY = -2;
const REPORTED_OFFER = -4;
const QUOTED_OFFER = -2.5;
const HYPOTHETICAL_OFFER = -2.5;
const WAGER = -3;
/** Quotation is not among them: a reward inside quotation marks is quoted, not offered (QUOTED_OFFER). */
const FRAME_WEIGHT: Readonly<Record<Exclude<FrameKind, 'quotation'>, number>> = {
  reporting: -3,
  counter_speech: -3.5,
  fiction: -3.5,
  game_sport: -3,
  history: -3.5,
  hyperbole: -2,
};

const CUE_REASON: Readonly<Record<RewardCueKind, string>> = {
  amount: 'amount of money offered',
  'bare-amount': 'amount offered',
  goods: 'goods offered as a reward',
  offer: 'offer of payment',
  'reward-word': 'reward announced',
};

export function scoreBounty(input: AssessInput): BountyScore {
  const { folded } = input;
  const { text } = input.normalized;
  const spanish = input.language === 'es';
  if (!mayOfferReward(folded)) return finish([]);
  const words = new WordIndex(folded);
  const found = findRewardCues(folded, words);
  if (found.cues.length === 0) return finish([]);
  const purposes = findPurposes(text, folded, words, found.cues, spanish);
  // Without a purpose a reward (at most 2.4) cannot outweigh the bias: skip the framing work.
  if (purposes.length === 0) return finish(cueHits(found.cues));

  const frames = input.frames();
  const quotations = frames.filter((f) => f.kind === 'quotation');
  const isQuoted = (c: RewardCue): boolean => quotations.some((q) => c.start >= q.start && c.end <= q.end);
  const quoted = found.cues.find(isQuoted);
  const cues = found.cues.filter((c) => !isQuoted(c));
  const hits = cueHits(cues);
  if (quoted !== undefined) hits.push(hit('bounty.quoted-offer', QUOTED_OFFER, quoted, 'reward quoted, not offered'));
  if (cues.length === 0) return finish(hits);

  const purpose = strongestPurpose(quoted === undefined ? purposes : findPurposes(text, folded, words, cues, spanish));
  if (purpose !== undefined) {
    const tie = purpose.linked ? 'linked' : 'near';
    hits.push(
      hit(
        `bounty.${purpose.kind}-${purpose.linked ? 'purpose' : 'nearby'}`,
        PURPOSE_WEIGHT[purpose.kind][tie],
        purpose,
        purpose.kind === 'harm'
          ? `reward ${purpose.linked ? 'offered for' : 'near'} harm to a person`
          : `reward ${purpose.linked ? 'offered for' : 'near'} a person's private information`,
      ),
    );
  }

  const legit = findLegitMarkers(folded, words);
  if (legit.authority) hits.push(hit('bounty.legit-reward', LEGIT_AUTHORITY, legit.authority, 'tips go to the authorities, missing person or bug bounty'));
  if (legit.property) hits.push(hit('bounty.lost-property', LEGIT_PROPERTY, legit.property, 'reward for lost or stolen property'));
  const context = findOfferContext(folded, words, { ...found, cues });
  const [reported] = context.reported;
  if (reported !== undefined && !cues.some((c) => c.kind === 'offer')) {
    hits.push(hit('bounty.reported-offer', REPORTED_OFFER, reported, "someone else's offer, reported"));
  }
  const [wish] = context.hypothetical;
  if (wish !== undefined) hits.push(hit('bounty.hypothetical-offer', HYPOTHETICAL_OFFER, wish, 'a wish, not an offer'));
  const [wager] = context.wagers;
  if (wager !== undefined) hits.push(hit('bounty.wager', WAGER, wager, 'money staked on a bet, not offered'));

  const seen = new Set<FrameKind>();
  for (const frame of frames) {
    if (frame.kind === 'quotation' || seen.has(frame.kind)) continue;
    // Inside the offer a frame word describes the target ("the ref", "the guy from the news video").
    if (purpose?.linked === true && frame.start >= purpose.offer.start && frame.end <= purpose.offer.end) continue;
    seen.add(frame.kind);
    hits.push(hit(`bounty.frame-${frame.kind}`, FRAME_WEIGHT[frame.kind], frame, frame.reason));
  }
  return finish(hits, purpose?.kind);
}

/** The strongest amount and the strongest offer: each counts once, however often it is repeated. */
function cueHits(cues: readonly RewardCue[]): SignalHit[] {
  const amount = strongest(cues.filter((c) => c.kind !== 'offer' && c.kind !== 'reward-word'));
  const offer = strongest(cues.filter((c) => c.kind === 'offer' || c.kind === 'reward-word'));
  return [amount, offer].filter((c) => c !== undefined).map((c) => hit(`bounty.${c.kind}`, CUE_WEIGHT[c.kind], c, CUE_REASON[c.kind]));
}

function finish(hits: SignalHit[], kind?: BountyKind): BountyScore {
  const score = logistic(hits.reduce((sum, h) => sum + h.weight, BIAS));
  return kind === undefined ? { score, hits } : { score, hits, kind };
}

const hit = (signal: string, weight: number, at: Match, reason: string): SignalHit => ({ signal, weight, start: at.start, end: at.end, reason });

function strongest(cues: readonly RewardCue[]): RewardCue | undefined {
  return cues.reduce<RewardCue | undefined>((best, c) => (best === undefined || CUE_WEIGHT[c.kind] > CUE_WEIGHT[best.kind] ? c : best), undefined);
}

function strongestPurpose(purposes: readonly Purpose[]): Purpose | undefined {
  const weight = (p: Purpose): number => PURPOSE_WEIGHT[p.kind][p.linked ? 'linked' : 'near'];
  return purposes.reduce<Purpose | undefined>((best, p) => (best === undefined || weight(p) > weight(best) ? p : best), undefined);
}
