import { SEVERITIES, type Action, type Labels, type Severity } from '../assess/result.js';
import type { DisclosureKind } from '../assess/dox/dox.js';
import type { WatchlistHit } from '../watchlist/fields.js';

/** Recorded with every assessment and decision made under the built-in policy. */
export const DEFAULT_POLICY_VERSION = 'default@1';

/** Disclosures POLICY §4 treats as full (remove), as opposed to partial ones (review). */
const FULL_DISCLOSURES: ReadonlySet<DisclosureKind> = new Set(['home_address', 'phone', 'email', 'family', 'gov_id', 'financial']);

const fullDox = (labels: Labels): boolean => labels.dox.flagged && labels.dox.disclosed.some((k) => FULL_DISCLOSURES.has(k));

const anyFlagged = ({ dox, threat, bounty }: Labels): boolean => dox.flagged || threat.flagged || bounty.flagged;

/**
 * Overall severity: what a reviewer should look at first. A watchlist hit raises a flagged post
 * one level (a protected person is known to be at risk); on an unflagged post it is only `low`.
 */
export function severityOf(labels: Labels, watchlist: readonly WatchlistHit[] = []): Severity {
  const base = baseSeverity(labels);
  if (watchlist.length === 0) return base;
  if (!anyFlagged(labels)) return base === 'none' ? 'low' : base;
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(base) + 1)] ?? 'critical';
}

function baseSeverity(labels: Labels): Severity {
  const { dox, threat, bounty } = labels;
  if ((bounty.flagged && bounty.kind === 'harm') || (threat.flagged && dox.flagged)) return 'critical';
  if (bounty.flagged || fullDox(labels)) return 'high';
  if (threat.flagged || dox.flagged) return 'medium';
  const nearest = Math.max(dox.score / dox.threshold, threat.score / threat.threshold, bounty.score / bounty.threshold);
  return nearest >= 0.7 ? 'low' : 'none';
}

/** The default policy of POLICY §4 (a CEL policy file replaces it where one is configured). */
export function recommendAction(labels: Labels, watchlist: readonly WatchlistHit[] = []): Action {
  const { dox, threat, bounty } = labels;
  if (bounty.flagged) return 'escalate';
  if (threat.flagged) return dox.flagged || watchlist.length > 0 ? 'escalate' : 'review';
  if (dox.flagged) return fullDox(labels) ? 'remove' : 'review';
  return 'allow';
}
