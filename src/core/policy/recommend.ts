import type { Action, Labels, Severity } from '../assess/result.js';
import type { DisclosureKind } from '../assess/dox/dox.js';

/** Disclosures POLICY §4 treats as full (remove), as opposed to partial ones (review). */
const FULL_DISCLOSURES: ReadonlySet<DisclosureKind> = new Set(['home_address', 'phone', 'email', 'family', 'gov_id', 'financial']);

const fullDox = (labels: Labels): boolean => labels.dox.flagged && labels.dox.disclosed.some((k) => FULL_DISCLOSURES.has(k));

/** Overall severity from the labels: what a reviewer should look at first. */
export function severityOf(labels: Labels): Severity {
  const { dox, threat, bounty } = labels;
  if ((bounty.flagged && bounty.kind === 'harm') || (threat.flagged && dox.flagged)) return 'critical';
  if (bounty.flagged || fullDox(labels)) return 'high';
  if (threat.flagged || dox.flagged) return 'medium';
  const nearest = Math.max(dox.score / dox.threshold, threat.score / threat.threshold, bounty.score / bounty.threshold);
  return nearest >= 0.7 ? 'low' : 'none';
}

/** The default policy of POLICY §4 (a CEL policy file replaces it where one is configured). */
export function recommendAction(labels: Labels): Action {
  const { dox, threat, bounty } = labels;
  if (bounty.flagged) return 'escalate';
  if (threat.flagged) return dox.flagged ? 'escalate' : 'review';
  if (dox.flagged) return fullDox(labels) ? 'remove' : 'review';
  return 'allow';
}
