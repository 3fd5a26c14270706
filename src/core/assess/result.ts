import type { BountyKind } from './bounty/bounty.js';
import type { DisclosureKind, Owner } from './dox/dox.js';

/** The three independent labels of POLICY §1–3. */
export const LABELS = ['dox', 'threat', 'bounty'] as const;
export type Label = (typeof LABELS)[number];

/** A stretch of the ORIGINAL text that supports a label, with the signal that found it. */
export interface Evidence {
  readonly start: number;
  readonly end: number;
  readonly signal: string;
  readonly reason: string;
}

export interface LabelResult {
  readonly flagged: boolean;
  /** 0..1; flagged when score ≥ threshold. */
  readonly score: number;
  readonly threshold: number;
  /** Spans that support the label, sorted by start. */
  readonly evidence: readonly Evidence[];
  /** One or two sentences a reviewer reads; never quotes personal data. */
  readonly explanation: string;
}

export interface DoxResult extends LabelResult {
  readonly disclosed: readonly DisclosureKind[];
}

export interface BountyResult extends LabelResult {
  readonly kind?: BountyKind;
}

export interface Labels {
  readonly dox: DoxResult;
  readonly threat: LabelResult;
  readonly bounty: BountyResult;
}

export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Recommended action (POLICY §4). `escalate` means remove and hand to the protective team;
 * `label` and `hide` are for custom policies.
 */
export const ACTIONS = ['allow', 'label', 'review', 'hide', 'remove', 'escalate'] as const;
export type Action = (typeof ACTIONS)[number];

export type { BountyKind, DisclosureKind, Owner };
