import type { Transaction, UpdateQueryBuilder, UpdateResult } from 'kysely';
import { ACTIONS, LABELS, type Action, type Label } from '../core/assess/result.js';
import { enqueueEvents } from './outbox.js';
import type { CaseStatus } from './records.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** How long a claim holds a case for its reviewer; claiming again renews it. */
export const CASE_LOCK_MS = 15 * 60_000;

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
  /** Labels the engine flagged. */
  readonly labels: readonly Label[];
  /** Language of the post, as detected; null when the post has no assessment. */
  readonly language: string | null;
  readonly watchlistHits: number;
  /** Posts in the case's campaign. */
  readonly campaignSize: number | null;
  /** Who holds a live review lock, if anyone. */
  readonly lockedBy: string | null;
  readonly lockedUntil: number | null;
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly severity?: string;
  readonly campaignId?: number;
  readonly label?: Label;
  readonly language?: string;
  /** true: only cases naming a protected person; false: only cases that do not. */
  readonly watchlist?: boolean;
  /** Id of the last case of the previous page (queue order: severity desc, then age, then id). */
  readonly after?: { readonly severityRank: number; readonly createdAt: number; readonly id: number };
  readonly limit?: number;
  /** Locks that ended before this time are reported as free. */
  readonly now?: number;
}

export type CaseErrorCode = 'CASE_NOT_FOUND' | 'CASE_ALREADY_DECIDED' | 'CASE_LOCKED' | 'INVALID_ACTION';

export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(
    readonly code: CaseErrorCode,
    message: string,
    /** For CASE_LOCKED: who holds the case, and until when. */
    readonly lock?: { readonly lockedBy: string; readonly lockedUntil: number },
  ) {
    super(message);
  }
}

/** A live lock held by someone: its holder and end. */
const liveLock = (assignee: string | null, lockedUntil: number | null, now: number) => (assignee !== null && lockedUntil !== null && lockedUntil > now ? { lockedBy: assignee, lockedUntil } : undefined);

/** The review queue: open cases, most severe first, then oldest; keyset pagination. */
export async function listCases(store: Store, filter: CaseFilter = {}): Promise<(CaseSummary & { severityRank: number })[]> {
  const now = filter.now ?? Date.now();
  let q = store.db
    .selectFrom('cases')
    // The post's latest assessment (one per post unless it was assessed again).
    .leftJoin('assessments', (join) =>
      join.onRef('assessments.post_id', '=', 'cases.post_id').on((eb) => eb('assessments.id', '=', eb.selectFrom('assessments as latest').select((l) => l.fn.max('latest.id').as('id')).whereRef('latest.post_id', '=', 'cases.post_id'))),
    )
    .leftJoin('campaigns', 'campaigns.id', 'cases.campaign_id')
    .selectAll('cases')
    .select((eb) => [
      'assessments.flagged',
      'assessments.language',
      'campaigns.post_count',
      eb.selectFrom('watchlist_hits').select((w) => w.fn.countAll<number>().as('n')).whereRef('watchlist_hits.post_id', '=', 'cases.post_id').as('watchlist_hits'),
    ]);
  if (filter.status) q = q.where('cases.status', '=', filter.status);
  if (filter.severity) q = q.where('cases.severity', '=', filter.severity);
  if (filter.campaignId !== undefined) q = q.where('cases.campaign_id', '=', filter.campaignId);
  // `flagged` is a comma-separated list of label names, none of which contains another.
  if (filter.label) q = q.where('assessments.flagged', 'like', `%${filter.label}%`);
  if (filter.language) q = q.where('assessments.language', '=', filter.language);
  if (filter.watchlist !== undefined) {
    const wanted = filter.watchlist;
    q = q.where((eb) => {
      const hits = eb.exists(eb.selectFrom('watchlist_hits').select('watchlist_hits.id').whereRef('watchlist_hits.post_id', '=', 'cases.post_id'));
      return wanted ? hits : eb.not(hits);
    });
  }
  const after = filter.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('cases.severity_rank', '<', after.severityRank),
        eb.and([eb('cases.severity_rank', '=', after.severityRank), eb('cases.created_at', '>', after.createdAt)]),
        eb.and([eb('cases.severity_rank', '=', after.severityRank), eb('cases.created_at', '=', after.createdAt), eb('cases.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy('cases.severity_rank', 'desc').orderBy('cases.created_at').orderBy('cases.id').limit(Math.min(500, filter.limit ?? 50)).execute();
  return rows.map((r) => {
    const lock = liveLock(r.assignee, r.locked_until, now);
    return {
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
      labels: LABELS.filter((l) => (r.flagged ?? '').split(',').includes(l)),
      language: r.language,
      watchlistHits: Number(r.watchlist_hits ?? 0),
      campaignSize: r.post_count,
      lockedBy: lock?.lockedBy ?? null,
      lockedUntil: lock?.lockedUntil ?? null,
    };
  });
}

/** Why a conditional update of an open, unlocked (or own) case touched nothing. */
async function refusal(trx: Transaction<Database>, caseId: number, now: number): Promise<CaseError> {
  const c = await trx.selectFrom('cases').select(['status', 'assignee', 'locked_until']).where('id', '=', caseId).executeTakeFirst();
  if (!c) return new CaseError('CASE_NOT_FOUND', `case ${caseId} does not exist`);
  if (c.status === 'decided') return new CaseError('CASE_ALREADY_DECIDED', `case ${caseId} is already decided`);
  const lock = liveLock(c.assignee, c.locked_until, now) ?? { lockedBy: c.assignee ?? '', lockedUntil: c.locked_until ?? now };
  return new CaseError('CASE_LOCKED', `case ${caseId} is being reviewed by ${lock.lockedBy} until ${new Date(lock.lockedUntil).toISOString()}`, lock);
}

type CaseUpdate = UpdateQueryBuilder<Database, 'cases', 'cases', UpdateResult>;

/** Only an open case that nobody else holds: the database decides, so two reviewers never both win. */
const openAndFreeFor = (update: CaseUpdate, caseId: number, actor: string, now: number): CaseUpdate =>
  update
    .where('id', '=', caseId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now), eb('assignee', '=', actor)]));

/**
 * Locks an open case to `actor` for CASE_LOCK_MS (renewing their own lock). A conditional UPDATE
 * arbitrates between concurrent claims; the loser gets CASE_LOCKED naming the holder.
 */
export async function claimCase(store: Store, caseId: number, actor: string, now: number): Promise<{ lockedBy: string; lockedUntil: number }> {
  const lockedUntil = now + CASE_LOCK_MS;
  return store.transaction('claiming a case', async (trx) => {
    const before = await trx.selectFrom('cases').select(['assignee', 'locked_until']).where('id', '=', caseId).executeTakeFirst();
    const updated = await openAndFreeFor(trx.updateTable('cases').set({ assignee: actor, locked_until: lockedUntil, updated_at: now }), caseId, actor, now).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw await refusal(trx, caseId, now);
    // A renewal is not news: the history shows each reviewer taking the case once.
    if (liveLock(before?.assignee ?? null, before?.locked_until ?? null, now)?.lockedBy !== actor) {
      await store.audit(trx, now, [{ actor, action: 'case.claimed', subjectType: 'case', subjectId: String(caseId), details: { lockedUntil } }]);
    }
    return { lockedBy: actor, lockedUntil };
  });
}

/** Gives up `actor`'s lock on a case; nothing to do when they hold none. CASE_LOCKED when someone else holds it. */
export async function releaseCase(store: Store, caseId: number, actor: string, now: number): Promise<void> {
  await store.transaction('releasing a case', async (trx) => {
    const c = await trx.selectFrom('cases').select(['assignee', 'locked_until']).where('id', '=', caseId).executeTakeFirst();
    if (!c) throw new CaseError('CASE_NOT_FOUND', `case ${caseId} does not exist`);
    const released = await trx.updateTable('cases').set({ assignee: null, locked_until: null, updated_at: now }).where('id', '=', caseId).where('assignee', '=', actor).where('locked_until', '>', now).executeTakeFirst();
    if (Number(released.numUpdatedRows) > 0) {
      await store.audit(trx, now, [{ actor, action: 'case.released', subjectType: 'case', subjectId: String(caseId) }]);
      return;
    }
    const lock = liveLock(c.assignee, c.locked_until, now);
    if (lock !== undefined && lock.lockedBy !== actor) throw new CaseError('CASE_LOCKED', `case ${caseId} is held by ${lock.lockedBy}, not by you`, lock);
  });
}

/**
 * Records a reviewer's decision and closes the case, in one transaction with its audit entry and
 * `action.decided` event. Refused when the case is decided already or another reviewer holds it.
 */
export async function decideCase(store: Store, caseId: number, decision: { actor: string; action: string; reason: string; policyVersion: string }, now: number): Promise<number> {
  if (!(ACTIONS as readonly string[]).includes(decision.action)) {
    throw new CaseError('INVALID_ACTION', `unknown action "${decision.action}"; use one of ${ACTIONS.join(', ')}`);
  }
  return store.transaction('recording a decision', async (trx) => {
    // Closing first, conditionally, makes the database arbitrate between two deciders and a claim.
    const closed = await openAndFreeFor(trx.updateTable('cases').set({ status: 'decided', decided_at: now, updated_at: now, locked_until: null }), caseId, decision.actor, now).executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) throw await refusal(trx, caseId, now);
    const c = await trx.selectFrom('cases').innerJoin('posts', 'posts.id', 'cases.post_id').select(['cases.post_id', 'posts.source', 'posts.external_id']).where('cases.id', '=', caseId).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('decisions')
      .values({ case_id: caseId, actor: decision.actor, action: decision.action as Action, reason: decision.reason, policy_version: decision.policyVersion, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
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
