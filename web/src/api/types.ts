/** Shapes of the public API (see /v1 OpenAPI); only the fields the UI reads. */

// The engine's vocabularies, shared with the server rather than copied (type-only modules and constants).
export { ACTIONS, LABELS, SEVERITIES, type Action, type Evidence, type Label, type LabelResult, type Severity } from '../../../src/core/assess/result.js';
export { WATCHLIST_FIELDS, type WatchlistField } from '../../../src/core/watchlist/fields.js';
import type { Action, Label, LabelResult, Severity } from '../../../src/core/assess/result.js';

export type Role = 'reviewer' | 'admin';

export interface Session {
  readonly principal: { readonly kind: 'api-key' | 'user'; readonly id: string; readonly name: string; readonly role: Role };
  readonly csrfToken: string;
  readonly idleTimeoutSeconds: number;
  readonly expiresAt: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
  /** Display names of actor ids in the page (where the route gives them). */
  readonly actors?: Readonly<Record<string, string>>;
}

export interface CaseSummary {
  readonly id: number;
  readonly postId: number;
  readonly campaignId: number | null;
  readonly status: string;
  readonly severity: Severity;
  readonly recommendedAction: Action;
  readonly dueAt: number;
  readonly createdAt: number;
  readonly labels: Label[];
  readonly language: string | null;
  readonly watchlistHits: number;
  readonly campaignSize: number | null;
  readonly lockedBy: string | null;
  readonly lockedUntil: number | null;
  readonly lockedByMe: boolean;
}

export type Segment =
  | { readonly start: number; readonly end: number; readonly kind: 'text'; readonly text: string }
  | { readonly start: number; readonly end: number; readonly kind: 'masked'; readonly finding: number; readonly type: string; readonly placeholder: string };

export interface HistoryEntry {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly details: Record<string, unknown> | null;
}

export interface Decision {
  readonly id: number;
  readonly actor: string;
  readonly action: Action;
  readonly reason: string;
  readonly createdAt: number;
}

export interface CampaignBrief {
  readonly id: number;
  readonly postCount: number;
  readonly authorCount: number;
  readonly channelCount: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface CaseDetails {
  readonly id: number;
  readonly status: string;
  readonly severity: Severity;
  readonly recommendedAction: Action;
  readonly dueAt: number;
  readonly createdAt: number;
  readonly decidedAt: number | null;
  readonly post: {
    readonly id: number;
    readonly source: string;
    readonly channel: string | null;
    readonly author: string | null;
    readonly text: string | null;
    readonly segments?: Segment[];
    readonly receivedAt: number;
    readonly purgedAt: number | null;
  };
  readonly assessment: {
    readonly language: string;
    readonly severity: Severity;
    readonly action: Action;
    readonly labels: Record<Label, LabelResult>;
  } | null;
  readonly findings: { readonly type: string; readonly start: number; readonly end: number }[];
  readonly watchlistHits: { readonly personId: number; readonly label?: string; readonly field: string }[];
  readonly campaign?: CampaignBrief | null;
  readonly campaignId: number | null;
  readonly history?: HistoryEntry[];
  readonly decisions: Decision[];
  readonly lockedBy?: string | null;
  readonly lockedUntil?: number | null;
  /** Display names of the actor ids in this case (history, decisions, lock). */
  readonly actors?: Readonly<Record<string, string>>;
}

export interface Claim {
  readonly caseId: number;
  readonly lockedBy: string;
  readonly lockedUntil: number;
}

export interface Revealed {
  readonly finding: number;
  readonly type: string;
  readonly text: string;
}

export interface CampaignDetails extends CampaignBrief {
  readonly maxSeverity: Severity;
  readonly cases: { readonly open: number; readonly decided: number };
  readonly openCases?: number;
  readonly timeline: { readonly hour: number; readonly posts: number }[];
  readonly authors?: { readonly author: string; readonly posts: number }[];
  readonly channels?: { readonly channel: string; readonly posts: number }[];
}

export interface StatsBucket {
  readonly at: number;
  readonly total: number;
  readonly byLabel: Record<string, number>;
  readonly byLanguage: Record<string, number>;
  readonly byAction: Record<string, number>;
}

export interface Stats {
  readonly volume: StatsBucket[];
  readonly queue: {
    readonly open: number;
    readonly oldestCreatedAt: number | null;
    readonly ages: { readonly under1h: number; readonly under4h: number; readonly under24h: number; readonly over24h: number };
    readonly overdue: number;
  };
  readonly agreement: { readonly decided: number; readonly agreed: number; readonly precision: Record<Label, number | null> };
}

export interface WatchlistPerson {
  readonly id: number;
  readonly label: string;
  readonly createdAt: number;
  readonly fields: Record<string, number>;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly roles: string[];
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly rateLimit: number | null;
}

export interface User {
  readonly id: number | string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt?: number;
  readonly disabledAt?: number | null;
}

export interface PolicyView {
  readonly id: string;
  readonly version: string | number;
  readonly rules: { readonly name: string; readonly when: string; readonly action: Action; readonly shadow: boolean; readonly description?: string | null }[];
  readonly shadow: { readonly rule: string; readonly matched: number; readonly wouldChange: number }[];
}
