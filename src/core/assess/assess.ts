import thresholds from './thresholds.json' with { type: 'json' };
import { scoreBounty } from './bounty/bounty.js';
import { rewardInThreat } from './cross-label.js';
import { scoreDox, type FindingLink } from './dox/dox.js';
import { createAssessInput } from './input.js';
import { detectLanguage } from './language.js';
import type { BountyResult, DoxResult, Evidence, Label, LabelResult, Labels } from './result.js';
import type { LabelScore, SignalHit } from './signals.js';
import { scoreThreat } from './threat/threat.js';
import { originalSpan, type NormalizedText } from '../normalize/normalize.js';
import type { Finding, Language } from '../types.js';

export interface Assessment {
  readonly language: Language;
  readonly mixedLanguage: boolean;
  readonly labels: Labels;
  /** Owner of each non-person finding, by index into the findings. */
  readonly links: readonly FindingLink[];
}

/** Thresholds chosen from measurements on the labelled sets (README, "Choosing thresholds"). */
export const DEFAULT_THRESHOLDS: Readonly<Record<Label, number>> = thresholds;

const LABEL_NAMES: Record<Label, string> = { dox: 'Dox', threat: 'Threat', bounty: 'Bounty' };

/** Findings + normalized text → the three labels with evidence and explanations. Pure. */
export function assess(
  normalized: NormalizedText,
  findings: readonly Finding[],
  hint?: Language,
  limits: Readonly<Record<Label, number>> = DEFAULT_THRESHOLDS,
): Assessment {
  const { language, mixed } = detectLanguage(normalized.text, hint);
  const input = createAssessInput(normalized, findings, language);
  const dox = scoreDox(input);
  const threat = scoreThreat(input);
  const bounty = rewardInThreat(scoreBounty(input), threat, threat.score >= limits.threat, limits.bounty);

  const doxEvidence = dox.links
    .filter((l) => l.owner === 'target')
    .map((l) => findings[l.finding])
    .filter((f): f is Finding => f !== undefined)
    .map((f) => ({ start: f.start, end: f.end, signal: `dox.${f.type}`, reason: `${f.type.replace('_', ' ')} of the target` }));

  const doxResult: DoxResult = { ...labelResult('dox', dox, normalized, limits.dox, doxEvidence), disclosed: dox.disclosed };
  const bountyBase = labelResult('bounty', bounty, normalized, limits.bounty, []);
  const bountyResult: BountyResult = bounty.kind === undefined || !bountyBase.flagged ? bountyBase : { ...bountyBase, kind: bounty.kind };
  return {
    language,
    mixedLanguage: mixed,
    labels: { dox: doxResult, threat: labelResult('threat', threat, normalized, limits.threat, []), bounty: bountyResult },
    links: dox.links,
  };
}

function labelResult(label: Label, scored: LabelScore, normalized: NormalizedText, threshold: number, extra: readonly Evidence[]): LabelResult {
  const score = Math.round(scored.score * 1000) / 1000;
  const flagged = score >= threshold;
  const evidence = [...scored.hits.filter((h) => h.weight > 0).map((h) => toEvidence(h, normalized)), ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
  return { flagged, score, threshold, evidence: dedupe(evidence), explanation: explain(label, flagged, scored.hits) };
}

function toEvidence(hit: SignalHit, normalized: NormalizedText): Evidence {
  const { start, end } = originalSpan(normalized, hit.start, hit.end);
  return { start, end, signal: hit.signal, reason: hit.reason };
}

function dedupe(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.start}:${e.end}:${e.signal}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The strongest reasons for and against, in the reviewer's words. */
function explain(label: Label, flagged: boolean, hits: readonly SignalHit[]): string {
  const reasons = (sign: 1 | -1) =>
    [...new Set([...hits].filter((h) => h.weight * sign > 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).map((h) => h.reason))].slice(0, 3);
  const pro = reasons(1);
  const con = reasons(-1);
  const name = LABEL_NAMES[label];
  if (flagged) return `${name}: ${pro.join('; ')}${con.length > 0 ? ` (outweighing: ${con.join('; ')})` : ''}.`;
  if (pro.length === 0) return `Not ${label}: no signal found.`;
  return `Not ${label}: ${pro.join('; ')}${con.length > 0 ? `, but ${con.join('; ')}` : ', too weak on its own'}.`;
}
