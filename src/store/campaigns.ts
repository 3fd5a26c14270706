import { sql } from 'kysely';
import { ACTIONS, SEVERITIES } from '../core/assess/result.js';
import type { WebhookEvent } from '../webhooks/events.js';
import type { AuditEvent } from './audit.js';
import { CaseError } from './cases.js';
import { enqueueEvents } from './outbox.js';
import type { Store } from './store.js';

export interface CampaignSummary {
  readonly id: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly postCount: number;
  readonly authorCount: number;
  readonly channelCount: number;
}

export interface CampaignFilter {
  /** The last campaign of the previous page (order: most recently active first, then id). */
  readonly after?: { readonly lastSeen: number; readonly id: number };
  readonly limit?: number;
}

export interface CampaignDetails extends CampaignSummary {
  readonly createdAt: number;
  /** Cases of the campaign by status and by severity. */
  readonly cases: { readonly open: number; readonly decided: number; readonly bySeverity: Readonly<Record<string, number>> };
  /** Highest severity among its cases ('none' when it has none). */
  readonly maxSeverity: string;
  /** Posts per hour (start of the hour, epoch ms), oldest first, hours without posts left out. */
  readonly timeline: readonly { readonly hour: number; readonly posts: number }[];
  /** The most active authors (opaque platform references), most posts first. */
  readonly authors: readonly { readonly author: string; readonly posts: number }[];
  /** The most active channels, most posts first. */
  readonly channels: readonly { readonly channel: string; readonly posts: number }[];
  readonly openCases: number;
}

export class CampaignError extends Error {
  override readonly name = 'CampaignError';
  constructor(
    readonly code: 'CAMPAIGN_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

const HOUR_MS = 3_600_000;
/** Decisions inserted per statement (bounded parameter count on both databases). */
const DECISION_CHUNK = 500;
/** A timeline longer than this keeps its most recent hours. */
const MAX_TIMELINE_HOURS = 24 * 90;
/** Authors and channels listed per campaign. */
const TOP_MEMBERS = 50;

/** Campaigns, most recently active first; keyset pagination. */
export async function listCampaigns(store: Store, filter: CampaignFilter = {}): Promise<CampaignSummary[]> {
  let q = store.db.selectFrom('campaigns').selectAll();
  const after = filter.after;
  if (after) q = q.where((eb) => eb.or([eb('last_seen', '<', after.lastSeen), eb.and([eb('last_seen', '=', after.lastSeen), eb('id', '<', after.id)])]));
  const rows = await q.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(Math.min(500, filter.limit ?? 50)).execute();
  return rows.map((r) => ({ id: r.id, firstSeen: r.first_seen, lastSeen: r.last_seen, postCount: r.post_count, authorCount: r.author_count, channelCount: r.channel_count }));
}

export async function getCampaign(store: Store, id: number): Promise<CampaignDetails | undefined> {
  const db = store.db;
  const c = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (c === undefined) return undefined;
  const top = (column: 'author_ref' | 'channel') =>
    db
      .selectFrom('campaign_posts')
      .select((eb) => [eb.ref(column).as('member'), eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', id)
      .where(column, 'is not', null)
      .groupBy(column)
      .orderBy('n', 'desc')
      .orderBy(column)
      .limit(TOP_MEMBERS)
      .execute();
  const [caseRows, hours, authors, channels] = await Promise.all([
    db
      .selectFrom('cases')
      .select((eb) => ['status', 'severity', eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', id)
      .groupBy(['status', 'severity'])
      .execute(),
    db
      .selectFrom('campaign_posts')
      .select((eb) => [sql<number>`received_at / ${sql.lit(HOUR_MS)}`.as('bucket'), eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', id)
      .groupBy(sql`received_at / ${sql.lit(HOUR_MS)}`)
      .orderBy(sql`received_at / ${sql.lit(HOUR_MS)}`, 'desc')
      .limit(MAX_TIMELINE_HOURS)
      .execute(),
    top('author_ref'),
    top('channel'),
  ]);
  const bySeverity: Record<string, number> = {};
  let open = 0;
  let decided = 0;
  let maxRank = 0;
  for (const r of caseRows) {
    const n = Number(r.n);
    if (r.status === 'open') open += n;
    else decided += n;
    bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + n;
    maxRank = Math.max(maxRank, SEVERITIES.indexOf(r.severity as (typeof SEVERITIES)[number]));
  }
  return {
    id: c.id,
    firstSeen: c.first_seen,
    lastSeen: c.last_seen,
    postCount: c.post_count,
    authorCount: c.author_count,
    channelCount: c.channel_count,
    createdAt: c.created_at,
    cases: { open, decided, bySeverity },
    maxSeverity: SEVERITIES[maxRank] ?? 'none',
    timeline: hours.map((h) => ({ hour: Number(h.bucket) * HOUR_MS, posts: Number(h.n) })).reverse(),
    authors: authors.map((a) => ({ author: a.member ?? '', posts: Number(a.n) })),
    channels: channels.map((c) => ({ channel: c.member ?? '', posts: Number(c.n) })),
    openCases: open,
  };
}

export interface CampaignAction {
  readonly actor: string;
  readonly action: string;
  readonly reason: string;
  readonly policyVersion: string;
}

/**
 * Decides every open case of a campaign with one action, in one transaction: a decision per
 * case, each audited and announced as `action.decided` (as one decision is), plus one audit
 * entry for the campaign. Cases already decided or held by another reviewer are left as they are.
 */
export async function actOnCampaign(store: Store, campaignId: number, decision: CampaignAction, now: number): Promise<{ decided: number[]; skippedLocked: number }> {
  if (!(ACTIONS as readonly string[]).includes(decision.action)) {
    throw new CaseError('INVALID_ACTION', `unknown action "${decision.action}"; use one of ${ACTIONS.join(', ')}`);
  }
  return store.transaction('acting on a campaign', async (trx) => {
    const campaign = await trx.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirst();
    if (!campaign) throw new CampaignError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId} does not exist`);
    // Closing conditionally first lets the database arbitrate: a case another reviewer holds stays theirs.
    const closed = await trx
      .updateTable('cases')
      .set({ status: 'decided', decided_at: now, updated_at: now, locked_until: null })
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now), eb('assignee', '=', decision.actor)]))
      .returning('id')
      .execute();
    const closedIds = closed.map((c) => c.id).sort((a, b) => a - b);
    const skipped = await trx.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).where('status', '=', 'open').executeTakeFirstOrThrow();
    const events: AuditEvent[] = [];
    const decided: WebhookEvent[] = [];
    for (let i = 0; i < closedIds.length; i += DECISION_CHUNK) {
      const chunk = closedIds.slice(i, i + DECISION_CHUNK);
      const posts = await trx.selectFrom('cases').innerJoin('posts', 'posts.id', 'cases.post_id').select(['cases.id', 'cases.post_id', 'posts.source', 'posts.external_id']).where('cases.id', 'in', chunk).execute();
      const byCase = new Map(posts.map((c) => [c.id, c]));
      const rows = await trx
        .insertInto('decisions')
        .values(chunk.map((caseId) => ({ case_id: caseId, actor: decision.actor, action: decision.action, reason: decision.reason, policy_version: decision.policyVersion, created_at: now })))
        .returning(['id', 'case_id'])
        .execute();
      for (const row of rows.sort((a, b) => a.case_id - b.case_id)) {
        events.push({ actor: decision.actor, action: 'case.decided', subjectType: 'case', subjectId: String(row.case_id), details: { decision: row.id, action: decision.action, policyVersion: decision.policyVersion, campaign: campaignId } });
        const c = byCase.get(row.case_id);
        if (c !== undefined) {
          decided.push({ type: 'action.decided', data: { caseId: c.id, decisionId: row.id, postId: c.post_id, source: c.source, externalId: c.external_id, action: decision.action, policyVersion: decision.policyVersion } });
        }
      }
    }
    const skippedLocked = Number(skipped.n);
    events.push({ actor: decision.actor, action: 'campaign.actioned', subjectType: 'campaign', subjectId: String(campaignId), details: { action: decision.action, cases: closedIds.length, skippedLocked, policyVersion: decision.policyVersion } });
    await store.audit(trx, now, events);
    await enqueueEvents(trx, now, decided);
    return { decided: closedIds, skippedLocked };
  });
}
