import type { Kysely } from 'kysely';
import type { Labels } from '../core/assess/result.js';
import { maskSegments, type TextSegment } from '../core/redact.js';
import type { EntityType } from '../core/types.js';
import type { AuditEvent } from './audit.js';
import { CaseError } from './cases.js';
import type { CaseStatus } from './records.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/**
 * Everything a reviewer needs to decide one case. Personal data is masked: the post text comes
 * with every finding replaced by its placeholder, and one span at a time is revealed (audited).
 */
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
  readonly lockedBy: string | null;
  readonly lockedUntil: number | null;
  readonly post: {
    readonly id: number;
    readonly source: string;
    readonly externalId: string;
    readonly channel: string | null;
    readonly author: string | null;
    /** The text with every finding replaced by its placeholder; null once purged past retention. */
    readonly text: string | null;
    /** The original text in order, findings masked (offsets of the original); null once purged. */
    readonly segments: readonly TextSegment[] | null;
    readonly masked: true;
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
  /** In text order; `segments[].finding` and reveal refer to these indexes. */
  readonly findings: readonly CaseFinding[];
  readonly campaign: { readonly id: number; readonly postCount: number; readonly authorCount: number; readonly channelCount: number; readonly firstSeen: number; readonly lastSeen: number } | null;
  /** Which protected person (the admin's label) and which kind of identifier matched, never the value. */
  readonly watchlistHits: readonly { readonly personId: number; readonly label: string; readonly field: string }[];
  /** The case's audit entries, oldest first. */
  readonly history: readonly { readonly at: number; readonly actor: string; readonly action: string; readonly details: NonNullable<AuditEvent['details']> }[];
  readonly decisions: readonly { readonly id: number; readonly actor: string; readonly action: string; readonly reason: string; readonly policyVersion: string; readonly createdAt: number }[];
}

export interface CaseFinding {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly subtype: string | null;
  readonly owner: string | null;
}

export class RevealError extends Error {
  override readonly name = 'RevealError';
  constructor(
    readonly code: 'FINDING_NOT_FOUND' | 'POST_PURGED',
    message: string,
  ) {
    super(message);
  }
}

/** The findings of a post in the order every index into them uses. */
function findingsOf(db: Kysely<Database>, postId: number): Promise<CaseFinding[]> {
  return db.selectFrom('findings').select(['type', 'start', 'end', 'subtype', 'owner']).where('post_id', '=', postId).orderBy('start').orderBy('id').execute();
}

export async function getCaseDetails(store: Store, caseId: number, now: number): Promise<CaseDetails | undefined> {
  const db = store.db;
  const row = await db
    .selectFrom('cases')
    .innerJoin('posts', 'posts.id', 'cases.post_id')
    .leftJoin('campaigns', 'campaigns.id', 'cases.campaign_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.severity',
      'cases.recommended_action',
      'cases.assignee',
      'cases.locked_until',
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
      'campaigns.post_count',
      'campaigns.author_count',
      'campaigns.channel_count',
      'campaigns.first_seen',
      'campaigns.last_seen',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [assessment, findings, hits, decisions, history] = await Promise.all([
    db.selectFrom('assessments').selectAll().where('post_id', '=', row.post_id).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    findingsOf(db, row.post_id),
    db
      .selectFrom('watchlist_hits')
      .innerJoin('watchlist_persons', 'watchlist_persons.id', 'watchlist_hits.person_id')
      .select(['watchlist_hits.person_id', 'watchlist_persons.label', 'watchlist_hits.field'])
      .where('watchlist_hits.post_id', '=', row.post_id)
      .orderBy('watchlist_hits.id')
      .execute(),
    db.selectFrom('decisions').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
    db.selectFrom('audit_log').select(['at', 'actor', 'action', 'details_json']).where('subject_type', '=', 'case').where('subject_id', '=', String(caseId)).orderBy('seq').execute(),
  ]);
  const masked = row.text === null ? null : maskSegments(row.text, findings.map((f) => ({ type: f.type as EntityType, start: f.start, end: f.end })));
  const locked = row.assignee !== null && row.locked_until !== null && row.locked_until > now;
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
    lockedBy: locked ? row.assignee : null,
    lockedUntil: locked ? row.locked_until : null,
    post: {
      id: row.post_id,
      source: row.source,
      externalId: row.external_id,
      channel: row.channel,
      author: row.author_ref,
      text: masked?.text ?? null,
      segments: masked?.segments ?? null,
      masked: true,
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
    findings,
    campaign:
      row.campaign_id === null || row.post_count === null
        ? null
        : { id: row.campaign_id, postCount: row.post_count, authorCount: row.author_count ?? 0, channelCount: row.channel_count ?? 0, firstSeen: row.first_seen ?? 0, lastSeen: row.last_seen ?? 0 },
    watchlistHits: hits.map((h) => ({ personId: h.person_id, label: h.label, field: h.field })),
    history: history.map((e) => ({ at: e.at, actor: e.actor, action: e.action, details: JSON.parse(e.details_json) as NonNullable<AuditEvent['details']> })),
    decisions: decisions.map((d) => ({ id: d.id, actor: d.actor, action: d.action, reason: d.reason, policyVersion: d.policy_version, createdAt: d.created_at })),
  };
}

/**
 * The original text of one finding of a case's post, for a reviewer who gives a reason. The audit
 * entry (`case.span_revealed`) records the finding, its type and the reason, never the value.
 */
export async function revealFinding(store: Store, caseId: number, finding: number, reason: string, actor: string, now: number): Promise<{ finding: number; type: string; text: string }> {
  return store.transaction('revealing a finding', async (trx) => {
    const c = await trx.selectFrom('cases').innerJoin('posts', 'posts.id', 'cases.post_id').select(['posts.id', 'posts.text']).where('cases.id', '=', caseId).executeTakeFirst();
    if (c === undefined) throw new CaseError('CASE_NOT_FOUND', `case ${caseId} does not exist`);
    const f = (await findingsOf(trx, c.id))[finding];
    if (f === undefined) throw new RevealError('FINDING_NOT_FOUND', `case ${caseId} has no finding ${finding}`);
    if (c.text === null) throw new RevealError('POST_PURGED', `the text of case ${caseId}'s post was purged past retention`);
    await store.audit(trx, now, [{ actor, action: 'case.span_revealed', subjectType: 'case', subjectId: String(caseId), details: { finding, type: f.type, reason } }]);
    return { finding, type: f.type, text: c.text.slice(f.start, f.end) };
  });
}

/** Action and severity of already-stored posts (to answer a repeated ingest like the first one). */
export async function postAssessments(store: Store, postIds: readonly number[]): Promise<Map<number, { action: string; severity: string; flagged: string }>> {
  if (postIds.length === 0) return new Map();
  const rows = await store.db.selectFrom('assessments').select(['post_id', 'action', 'severity', 'flagged', 'id']).where('post_id', 'in', [...new Set(postIds)]).orderBy('id').execute();
  return new Map(rows.map((r) => [r.post_id, { action: r.action, severity: r.severity, flagged: r.flagged }]));
}
