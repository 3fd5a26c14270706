import { ACTIONS, type Action } from '../core/assess/result.js';
import { enqueueEvents } from './outbox.js';
import type { CaseStatus } from './records.js';
import type { Store } from './store.js';

export interface CaseSummary {
  readonly id: number;
  readonly postId: number;
  readonly campaignId: number | null;
  readonly status: CaseStatus;
  readonly severity: string;
  readonly recommendedAction: string;
  readonly assignee: string | null;
  readonly dueAt: number;
  readonly createdAt: number;
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly severity?: string;
  readonly campaignId?: number;
  /** Id of the last case of the previous page (queue order: severity desc, then age, then id). */
  readonly after?: { readonly severityRank: number; readonly createdAt: number; readonly id: number };
  readonly limit?: number;
}

export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(
    readonly code: 'CASE_NOT_FOUND' | 'CASE_ALREADY_DECIDED' | 'INVALID_ACTION',
    message: string,
  ) {
    super(message);
  }
}

/** The review queue: open cases, most severe first, then oldest; keyset pagination. */
export async function listCases(store: Store, filter: CaseFilter = {}): Promise<(CaseSummary & { severityRank: number })[]> {
  let q = store.db.selectFrom('cases').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.severity) q = q.where('severity', '=', filter.severity);
  if (filter.campaignId !== undefined) q = q.where('campaign_id', '=', filter.campaignId);
  const after = filter.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('severity_rank', '<', after.severityRank),
        eb.and([eb('severity_rank', '=', after.severityRank), eb('created_at', '>', after.createdAt)]),
        eb.and([eb('severity_rank', '=', after.severityRank), eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy('severity_rank', 'desc').orderBy('created_at').orderBy('id').limit(Math.min(500, filter.limit ?? 50)).execute();
  return rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    campaignId: r.campaign_id,
    status: r.status as CaseStatus,
    severity: r.severity,
    severityRank: r.severity_rank,
    recommendedAction: r.recommended_action,
    assignee: r.assignee,
    dueAt: r.due_at,
    createdAt: r.created_at,
  }));
}

/** Records a reviewer's decision and closes the case, in one transaction with its audit entry and `action.decided` event. */
export async function decideCase(store: Store, caseId: number, decision: { actor: string; action: string; reason: string; policyVersion: string }, now: number): Promise<number> {
  if (!(ACTIONS as readonly string[]).includes(decision.action)) {
    throw new CaseError('INVALID_ACTION', `unknown action "${decision.action}"; use one of ${ACTIONS.join(', ')}`);
  }
  return store.transaction('recording a decision', async (trx) => {
    const c = await trx.selectFrom('cases').innerJoin('posts', 'posts.id', 'cases.post_id').select(['cases.status', 'cases.post_id', 'posts.source', 'posts.external_id']).where('cases.id', '=', caseId).executeTakeFirst();
    if (!c) throw new CaseError('CASE_NOT_FOUND', `case ${caseId} does not exist`);
    if (c.status === 'decided') throw new CaseError('CASE_ALREADY_DECIDED', `case ${caseId} is already decided`);
    const row = await trx
      .insertInto('decisions')
      .values({ case_id: caseId, actor: decision.actor, action: decision.action as Action, reason: decision.reason, policy_version: decision.policyVersion, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('cases').set({ status: 'decided', decided_at: now, updated_at: now }).where('id', '=', caseId).execute();
    await store.audit(trx, now, [{ actor: decision.actor, action: 'case.decided', subjectType: 'case', subjectId: String(caseId), details: { decision: row.id, action: decision.action, policyVersion: decision.policyVersion } }]);
    await enqueueEvents(trx, now, [{ type: 'action.decided', data: { caseId, decisionId: row.id, postId: c.post_id, source: c.source, externalId: c.external_id, action: decision.action, policyVersion: decision.policyVersion } }]);
    return row.id;
  });
}

/** Open cases by severity: the depth of the review queue. */
export async function openCaseCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('cases').select((eb) => ['severity', eb.fn.countAll<number>().as('n')]).where('status', '=', 'open').groupBy('severity').execute();
  return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
}
