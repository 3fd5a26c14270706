import type { Labels } from '../core/assess/result.js';
import type { CaseStatus } from './records.js';
import type { Store } from './store.js';

/** Everything a reviewer needs to decide one case; personal data values appear only in the post text. */
export interface CaseDetails {
  readonly id: number;
  readonly status: CaseStatus;
  readonly severity: string;
  readonly recommendedAction: string;
  readonly assignee: string | null;
  readonly campaignId: number | null;
  readonly dueAt: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly decidedAt: number | null;
  readonly post: {
    readonly id: number;
    readonly source: string;
    readonly externalId: string;
    readonly channel: string | null;
    readonly author: string | null;
    /** Null once purged past retention. */
    readonly text: string | null;
    readonly textLength: number;
    readonly receivedAt: number;
    readonly purgedAt: number | null;
  };
  /** The latest assessment of the post. */
  readonly assessment: {
    readonly engineVersion: string;
    readonly policyVersion: string;
    readonly language: string;
    readonly severity: string;
    readonly action: string;
    readonly labels: Labels;
    readonly createdAt: number;
  } | null;
  readonly findings: readonly { readonly type: string; readonly start: number; readonly end: number; readonly subtype: string | null; readonly owner: string | null }[];
  /** Which protected person and which kind of identifier matched, never the value. */
  readonly watchlistHits: readonly { readonly personId: number; readonly field: string }[];
  readonly decisions: readonly { readonly id: number; readonly actor: string; readonly action: string; readonly reason: string; readonly policyVersion: string; readonly createdAt: number }[];
}

export async function getCaseDetails(store: Store, caseId: number): Promise<CaseDetails | undefined> {
  const db = store.db;
  const row = await db
    .selectFrom('cases')
    .innerJoin('posts', 'posts.id', 'cases.post_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.severity',
      'cases.recommended_action',
      'cases.assignee',
      'cases.campaign_id',
      'cases.due_at',
      'cases.created_at',
      'cases.updated_at',
      'cases.decided_at',
      'posts.id as post_id',
      'posts.source',
      'posts.external_id',
      'posts.channel',
      'posts.author_ref',
      'posts.text',
      'posts.text_length',
      'posts.received_at',
      'posts.purged_at',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [assessment, findings, hits, decisions] = await Promise.all([
    db.selectFrom('assessments').selectAll().where('post_id', '=', row.post_id).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('findings').select(['type', 'start', 'end', 'subtype', 'owner']).where('post_id', '=', row.post_id).orderBy('start').orderBy('id').execute(),
    db.selectFrom('watchlist_hits').select(['person_id', 'field']).where('post_id', '=', row.post_id).orderBy('id').execute(),
    db.selectFrom('decisions').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
  ]);
  return {
    id: row.id,
    status: row.status as CaseStatus,
    severity: row.severity,
    recommendedAction: row.recommended_action,
    assignee: row.assignee,
    campaignId: row.campaign_id,
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    decidedAt: row.decided_at,
    post: {
      id: row.post_id,
      source: row.source,
      externalId: row.external_id,
      channel: row.channel,
      author: row.author_ref,
      text: row.text,
      textLength: row.text_length,
      receivedAt: row.received_at,
      purgedAt: row.purged_at,
    },
    assessment:
      assessment === undefined
        ? null
        : {
            engineVersion: assessment.engine_version,
            policyVersion: assessment.policy_version,
            language: assessment.language,
            severity: assessment.severity,
            action: assessment.action,
            labels: (JSON.parse(assessment.result_json) as { labels: Labels }).labels,
            createdAt: assessment.created_at,
          },
    findings: findings.map((f) => ({ type: f.type, start: f.start, end: f.end, subtype: f.subtype, owner: f.owner })),
    watchlistHits: hits.map((h) => ({ personId: h.person_id, field: h.field })),
    decisions: decisions.map((d) => ({ id: d.id, actor: d.actor, action: d.action, reason: d.reason, policyVersion: d.policy_version, createdAt: d.created_at })),
  };
}

/** Action and severity of already-stored posts (to answer a repeated ingest like the first one). */
export async function postAssessments(store: Store, postIds: readonly number[]): Promise<Map<number, { action: string; severity: string; flagged: string }>> {
  if (postIds.length === 0) return new Map();
  const rows = await store.db.selectFrom('assessments').select(['post_id', 'action', 'severity', 'flagged', 'id']).where('post_id', 'in', [...new Set(postIds)]).orderBy('id').execute();
  return new Map(rows.map((r) => [r.post_id, { action: r.action, severity: r.severity, flagged: r.flagged }]));
}
