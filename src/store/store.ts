import { sql, type Kysely, type Transaction } from 'kysely';
import { SEVERITIES, type Severity } from '../core/assess/result.js';
import { isCampaignGrowthThreshold, type PostRef } from '../webhooks/events.js';
import { appendAudit, verifyAudit, type AuditEvent, type ChainVerification } from './audit.js';
import { describeUrl, openDatabase, type OpenDatabase } from './database.js';
import type { MigrationDialect } from './migrations/index.js';
import type { IngestOutcome, PreparedPost, RejectedPost } from './records.js';
import { OutboxWriter } from './outbox.js';
import { withRetry } from './retry.js';
import type { Database } from './schema.js';

/** Time a reviewer has to decide a case, by severity. */
const CASE_DUE_MS: Readonly<Record<Severity, number>> = {
  critical: 60 * 60_000,
  high: 4 * 60 * 60_000,
  medium: 24 * 60 * 60_000,
  low: 72 * 60 * 60_000,
  none: 7 * 24 * 60 * 60_000,
};

export const severityRank = (s: string): number => Math.max(0, SEVERITIES.indexOf(s as Severity));

/**
 * Bulwark's memory: one class over Kysely serves SQLite and PostgreSQL alike. Every write that
 * belongs together runs in one transaction; ingest is idempotent by (source, post id).
 */
export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: MigrationDialect;

  private constructor(private readonly opened: OpenDatabase) {
    this.db = opened.db;
    this.dialect = opened.dialect;
  }

  /** Opens (and migrates) `postgres://…` or a SQLite file path. */
  static async open(url: string): Promise<Store> {
    return new Store(await withRetry(() => openDatabase(url), { operation: `opening the database at ${describeUrl(url)}` }));
  }

  close(): Promise<void> {
    return this.opened.close();
  }

  /** Runs `fn` in a transaction, retried as a whole on transient errors (it must be idempotent). */
  transaction<T>(operation: string, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return withRetry(() => this.db.transaction().execute(fn), { operation });
  }

  audit(trx: Transaction<Database>, at: number, events: readonly AuditEvent[]): Promise<void> {
    return appendAudit(trx, this.dialect, at, events);
  }

  /**
   * Stores a batch atomically: posts, assessments, findings (hashes only), watchlist hits, cases
   * and campaign membership, plus rejected posts and the webhook events they cause. A post
   * already stored is reported `duplicate` and nothing of it is written twice.
   */
  saveBatch(prepared: readonly PreparedPost[], rejected: readonly RejectedPost[], now: number, actor = 'ingest'): Promise<IngestOutcome[]> {
    return this.transaction('storing a batch of posts', async (trx) => {
      const outcomes: IngestOutcome[] = [];
      const events: AuditEvent[] = [];
      const outbox = new OutboxWriter(trx);
      await this.lockCampaignKeys(trx, prepared);
      for (const r of rejected) {
        await trx.insertInto('rejected_posts').values({ source: r.source, external_id: r.id, reason: r.reason, size: r.size, received_at: r.receivedAt }).execute();
        outcomes.push({ source: r.source, id: r.id, status: 'rejected', reason: r.reason });
      }
      for (const p of prepared) outcomes.push(await this.savePost(trx, p, now, events, outbox));
      await this.audit(trx, now, events.map((e) => ({ ...e, actor })));
      await outbox.flush(now);
      return outcomes;
    });
  }

  private async savePost(trx: Transaction<Database>, p: PreparedPost, now: number, events: AuditEvent[], outbox: OutboxWriter): Promise<IngestOutcome> {
    const { post, result } = p;
    const inserted = await trx
      .insertInto('posts')
      .values({ source: post.source, external_id: post.id, channel: post.channel ?? null, author_ref: post.author ?? null, text: post.text, text_length: post.text.length, received_at: p.receivedAt, stored_at: now, purged_at: null })
      .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) {
      const existing = await trx.selectFrom('posts').leftJoin('cases', 'cases.post_id', 'posts.id').select(['posts.id', 'cases.id as case_id', 'cases.campaign_id']).where('source', '=', post.source).where('external_id', '=', post.id).executeTakeFirstOrThrow();
      return { source: post.source, id: post.id, status: 'duplicate', postId: existing.id, ...(existing.case_id === null ? {} : { caseId: existing.case_id }), ...(existing.campaign_id === null ? {} : { campaignId: existing.campaign_id }) };
    }
    const postId = inserted.id;
    const flagged = (['dox', 'threat', 'bounty'] as const).filter((l) => result.labels[l].flagged);
    await trx
      .insertInto('assessments')
      .values({
        post_id: postId,
        engine_version: result.engineVersion,
        policy_version: p.policyVersion,
        language: result.language,
        dox_score: result.labels.dox.score,
        threat_score: result.labels.threat.score,
        bounty_score: result.labels.bounty.score,
        flagged: flagged.join(','),
        severity: result.severity,
        action: result.action,
        result_json: JSON.stringify({
          labels: result.labels,
          watchlist: result.watchlist,
          mixedLanguage: result.mixedLanguage,
          ...(p.policy === undefined ? {} : { policy: { decidedBy: p.policy.decidedBy, shadow: p.policy.shadow, shadowAction: p.policy.shadowAction, notifications: p.policy.notifications } }),
        }),
        created_at: now,
      })
      .execute();
    if (result.findings.length > 0) {
      await trx
        .insertInto('findings')
        .values(result.findings.map((f, i) => ({ post_id: postId, type: f.type, start: f.start, end: f.end, subtype: f.subtype ?? null, owner: f.owner ?? null, value_hash: p.findingHashes[i] ?? null })))
        .execute();
    }
    for (const hit of result.watchlist) {
      await trx.insertInto('watchlist_hits').values({ post_id: postId, person_id: hit.personId, field: hit.field, created_at: now }).execute();
    }
    const ref = { postId, source: post.source, externalId: post.id };
    const campaignId = p.campaignKeys.length > 0 ? await this.joinCampaign(trx, p, ref, outbox) : undefined;
    if (result.action === 'allow' && result.watchlist.length === 0) {
      return { source: post.source, id: post.id, status: 'stored', postId, action: result.action, severity: result.severity, ...(campaignId === undefined ? {} : { campaignId }) };
    }
    const caseRow = await trx
      .insertInto('cases')
      .values({
        post_id: postId,
        campaign_id: campaignId ?? null,
        status: 'open',
        severity: result.severity,
        severity_rank: severityRank(result.severity),
        recommended_action: result.action,
        assignee: null,
        due_at: now + CASE_DUE_MS[result.severity],
        created_at: now,
        updated_at: now,
        decided_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    events.push({ actor: '', action: 'case.created', subjectType: 'case', subjectId: String(caseRow.id), details: { post: postId, severity: result.severity, action: result.action, watchlistHits: result.watchlist.length } });
    outbox.add({ type: 'case.created', data: { ...ref, caseId: caseRow.id, severity: result.severity, action: result.action, labels: flagged, campaignId: campaignId ?? null, watchlistHits: result.watchlist.length } });
    if (result.watchlist.length > 0) outbox.add({ type: 'watchlist.hit', data: { ...ref, caseId: caseRow.id, hits: result.watchlist.map((h) => ({ personId: h.personId, field: h.field })) } });
    return { source: post.source, id: post.id, status: 'stored', postId, caseId: caseRow.id, action: result.action, severity: result.severity, ...(campaignId === undefined ? {} : { campaignId }) };
  }

  /**
   * Finds the campaign sharing any of the post's keys (the oldest if several), or starts one. The
   * database arbitrates between concurrent writers: on PostgreSQL, transaction-scoped advisory
   * locks on the keys (taken in sorted order, so no deadlock); SQLite has a single writer.
   * Cost depends on the post's keys, not on the number of stored posts or campaign size.
   * Growth past a threshold (see isCampaignGrowthThreshold) enqueues `campaign.grown`.
   */
  private async joinCampaign(trx: Transaction<Database>, p: PreparedPost, ref: PostRef, outbox: OutboxWriter): Promise<number> {
    const postId = ref.postId;
    const keys = [...new Set(p.campaignKeys)].sort();
    if (this.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k order by k`.execute(trx);
    }
    const existing = await trx.selectFrom('campaign_keys').select('campaign_id').where('key', 'in', keys).orderBy('campaign_id').limit(1).executeTakeFirst();
    let campaignId = existing?.campaign_id;
    if (campaignId === undefined) {
      const created = await trx
        .insertInto('campaigns')
        .values({ first_seen: p.receivedAt, last_seen: p.receivedAt, post_count: 0, author_count: 0, channel_count: 0, created_at: p.receivedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      campaignId = created.id;
    }
    await trx
      .insertInto('campaign_keys')
      .values(keys.map((key) => ({ key, campaign_id: campaignId })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await trx.insertInto('campaign_posts').values({ campaign_id: campaignId, post_id: postId, author_ref: p.post.author ?? null, channel: p.post.channel ?? null, received_at: p.receivedAt }).execute();
    const newAuthor = p.post.author === undefined ? 0 : await this.addMember(trx, 'campaign_authors', campaignId, p.post.author);
    const newChannel = p.post.channel === undefined ? 0 : await this.addMember(trx, 'campaign_channels', campaignId, p.post.channel);
    const grown = await trx
      .updateTable('campaigns')
      .set((eb) => ({
        post_count: eb('post_count', '+', 1),
        author_count: eb('author_count', '+', newAuthor),
        channel_count: eb('channel_count', '+', newChannel),
        first_seen: sql<number>`case when first_seen < ${p.receivedAt} then first_seen else ${p.receivedAt} end`,
        last_seen: sql<number>`case when last_seen > ${p.receivedAt} then last_seen else ${p.receivedAt} end`,
      }))
      .where('id', '=', campaignId)
      .returning(['post_count', 'author_count', 'channel_count'])
      .executeTakeFirstOrThrow();
    if (isCampaignGrowthThreshold(grown.post_count)) {
      outbox.add({ type: 'campaign.grown', data: { ...ref, campaignId, postCount: grown.post_count, authorCount: grown.author_count, channelCount: grown.channel_count } });
    }
    return campaignId;
  }

  /**
   * Takes the campaign locks of the whole batch up front, in one sorted order: two batches whose
   * posts share keys (concurrent workers) then wait for each other instead of deadlocking, as
   * they would if each post locked its own keys in turn. joinCampaign's locks are re-entrant.
   */
  private async lockCampaignKeys(trx: Transaction<Database>, prepared: readonly PreparedPost[]): Promise<void> {
    if (this.dialect !== 'postgres') return;
    const keys = [...new Set(prepared.flatMap((p) => p.campaignKeys))].sort();
    if (keys.length > 0) await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k order by k`.execute(trx);
  }

  /** 1 when `member` is new to the campaign; the primary key decides, even under concurrency. */
  private async addMember(trx: Transaction<Database>, table: 'campaign_authors' | 'campaign_channels', campaignId: number, member: string): Promise<number> {
    const row = await trx.insertInto(table).values({ campaign_id: campaignId, member }).onConflict((oc) => oc.columns(['campaign_id', 'member']).doNothing()).returning('campaign_id').executeTakeFirst();
    return row === undefined ? 0 : 1;
  }

  verifyAudit(): Promise<ChainVerification> {
    return verifyAudit(this.db);
  }
}
