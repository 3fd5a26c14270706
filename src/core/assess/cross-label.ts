import type { BountyScore } from './bounty/bounty.js';
import { logistic, type LabelScore } from './signals.js';

/** Weight that turns an offer of money in a threatening post into a bounty for harm (POLICY §3). */
const REWARD_IN_THREAT = 3;
const AMOUNT_SIGNALS = /^bounty\.(?:amount|bare-amount|goods)$/;

/**
 * A post that threatens violence and offers payment is a bounty for harm even when the harm is
 * phrased as an outcome the bounty module cannot tie to the offer ("pago 30 mil al que …, que no
 * vuelva a caminar"). Only an unopposed offer counts: any signal against the bounty keeps it as is.
 */
export function rewardInThreat(bounty: BountyScore, threat: LabelScore, threatFlagged: boolean, bountyThreshold: number): BountyScore {
  if (!threatFlagged || bounty.score >= bountyThreshold) return bounty;
  const offer = bounty.hits.find((h) => h.signal === 'bounty.offer');
  const amount = bounty.hits.some((h) => AMOUNT_SIGNALS.test(h.signal));
  if (offer === undefined || !amount || bounty.hits.some((h) => h.weight < 0)) return bounty;
  const harm = threat.hits.find((h) => h.weight > 0);
  if (harm === undefined) return bounty;
  const hits = [...bounty.hits, { signal: 'bounty.reward-in-threat', weight: REWARD_IN_THREAT, start: harm.start, end: harm.end, reason: 'payment offered in a post that threatens violence' }];
  const raw = Math.log(bounty.score / (1 - bounty.score)) + REWARD_IN_THREAT;
  return { score: logistic(raw), hits, kind: 'harm' };
}
