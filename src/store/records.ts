import type { PolicyDecision } from '../core/policy/evaluate.js';
import type { AnalysisResult } from '../core/types.js';

/** A post as a source platform sends it to be stored. */
export interface IncomingPost {
  readonly source: string;
  /** The post's id on the source platform. */
  readonly id: string;
  readonly text: string;
  readonly channel?: string;
  readonly author?: string;
  /** Epoch ms; defaults to the time of ingestion. */
  readonly receivedAt?: number;
}

/** A post analyzed and ready to store: what the ingest pipeline hands to the store. */
export interface PreparedPost {
  readonly post: IncomingPost;
  readonly receivedAt: number;
  /** The analysis, with `action` as the policy decided it. */
  readonly result: AnalysisResult;
  /** The policy's decision: deciding rules, shadow results and notifications are stored with the assessment. */
  readonly policy?: PolicyDecision;
  readonly policyVersion: string;
  /** Keyed hash per finding (null for types not hashed), same order as result.findings. */
  readonly findingHashes: readonly (string | null)[];
  /** Keys that group this post with others into a campaign (empty: not campaign material). */
  readonly campaignKeys: readonly string[];
}

export interface RejectedPost {
  readonly source: string;
  readonly id: string | null;
  readonly reason: string;
  readonly size: number;
  readonly receivedAt: number;
}

export type IngestStatus = 'stored' | 'duplicate' | 'rejected';

export interface IngestOutcome {
  readonly source: string;
  readonly id: string | null;
  readonly status: IngestStatus;
  readonly postId?: number;
  readonly caseId?: number;
  readonly campaignId?: number;
  readonly action?: string;
  readonly severity?: string;
  readonly reason?: string;
}

export const CASE_STATUSES = ['open', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
