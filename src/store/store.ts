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

/** A post of the batch that was newly inserted: its index in the batch and its id. */
interface FreshPost {
  readonly index: number;
  readonly postId: number;
  readonly p: PreparedPost;
}

/** Rows per multi-row insert: within SQLite's 32,766 and PostgreSQL's 65,535 bound parameters for every table here. */
const ROWS_PER_INSERT = 500;

function chunked<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) chunks.push(rows.slice(i, i + ROWS_PER_INSERT));
  return chunks;
}

/** One unambiguous key per (source, post id). */
const postKey = (source: string, id: string): string => JSON.stringify([source, id]);

const flaggedLabels = (p: PreparedPost) => (['dox', 'threat', 'bounty'] as const).filter((l) => p.result.labels[l].flagged);

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
   * already stored (or earlier in the same batch) is reported `duplicate` and nothing of it is
   * written twice. Rows go in as multi-row inserts, and campaign locks are taken only once the
   * posts and their analyses are written, so concurrent workers hold them briefly.
   */
  saveBatch(prepared: readonly PreparedPost[], rejected: readonly RejectedPost[], now: number, actor = 'ingest'): Promise<IngestOutcome[]> {
    return this.transaction('storing a batch of posts', async (trx) => {
      const events: AuditEvent[] = [];
      const outbox = new OutboxWriter(trx);
      for (const rows of chunked(rejected.map((r) => ({ source: r.source, external_id: r.id, reason: r.reason, size: r.size, received_at: r.receivedAt })))) {
        await trx.insertInto('rejected_posts').values(rows).execute();
      }
      const postIds = await this.insertPosts(trx, prepared, now);
      const fresh = [...postIds].map(([index, postId]) => ({ index, postId, p: prepared[index] as PreparedPost }));
      await this.insertAnalyses(trx, fresh, now);
      await this.lockCampaignKeys(trx, fresh.map((f) => f.p));
      const campaignIds = new Map<number, number>();
      for (const { index, postId, p } of fresh) {
        if (p.campaignKeys.length > 0) campaignIds.set(index, await this.joinCampaign(trx, p, { postId, source: p.post.source, externalId: p.post.id }, outbox));
      }
      const caseIds = await this.openCases(trx, fresh, campaignIds, now, events, outbox);
      const duplicates = await this.findStored(trx, prepared.filter((_, i) => !postIds.has(i)));
      const outcomes: IngestOutcome[] = rejected.map((r) => ({ source: r.source, id: r.id, status: 'rejected', reason: r.reason }));
      prepared.forEach(({ post, result }, i) => {
        const postId = postIds.get(i);
        const campaignId = campaignIds.get(i);
        const caseId = caseIds.get(i);
        if (postId !== undefined) {
          outcomes.push({ source: post.source, id: post.id, status: 'stored', postId, ...(caseId === undefined ? {} : { caseId }), action: result.action, severity: result.severity, ...(campaignId === undefined ? {} : { campaignId }) });
          return;
        }
        const existing = duplicates.get(postKey(post.source, post.id));
        if (existing === undefined) throw new Error(`post ${i} of the batch was neither stored nor found`);
        outcomes.push({ source: post.source, id: post.id, status: 'duplicate', postId: existing.id, ...(existing.case_id === null ? {} : { caseId: existing.case_id }), ...(existing.campaign_id === null ? {} : { campaignId: existing.campaign_id }) });
      });
      await this.audit(trx, now, events.map((e) => ({ ...e, actor })));
      await outbox.flush(now);
      return outcomes;
    });
  }

  /** Inserts the batch's new posts; maps each inserted post's index in `prepared` to its id. Repeats within the batch and posts already stored are left out. */
  private async insertPosts(trx: Transaction<Database>, prepared: readonly PreparedPost[], now: number): Promise<Map<number, number>> {
    const firstIndex = new Map<string, number>();
    prepared.forEach(({ post }, i) => {
      const key = postKey(post.source, post.id);
      if (!firstIndex.has(key)) firstIndex.set(key, i);
    });
    const ids = new Map<number, number>();
    const rows = [...firstIndex.values()].map((i) => {
      const { post, receivedAt } = prepared[i] as PreparedPost;
      return { source: post.source, external_id: post.id, channel: post.channel ?? null, author_ref: post.author ?? null, text: post.text, text_length: post.text.length, received_at: receivedAt, stored_at: now, purged_at: null };
    });
    for (const chunk of chunked(rows)) {
      const inserted = await trx
        .insertInto('posts')
        .values(chunk)
        .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
        .returning(['id', 'source', 'external_id'])
        .execute();
      for (const row of inserted) ids.set(firstIndex.get(postKey(row.source, row.external_id)) as number, row.id);
    }
    return ids;
  }

  /** Assessments, findings (hashes only) and watchlist hits of newly inserted posts. */
  private async insertAnalyses(trx: Transaction<Database>, fresh: readonly FreshPost[], now: number): Promise<void> {
    const assessments = fresh.map(({ postId, p }) => {
      const { result } = p;
      return {
        post_id: postId,
        engine_version: result.engineVersion,
        policy_version: p.policyVersion,
        language: result.language,
        dox_score: result.labels.dox.score,
        threat_score: result.labels.threat.score,
        bounty_score: result.labels.bounty.score,
        flagged: flaggedLabels(p).join(','),
        severity: result.severity,
        action: result.action,
        result_json: JSON.stringify({
          labels: result.labels,
          watchlist: result.watchlist,
          mixedLanguage: result.mixedLanguage,
          ...(p.policy === undefined ? {} : { policy: { decidedBy: p.policy.decidedBy, shadow: p.policy.shadow, shadowAction: p.policy.shadowAction, notifications: p.policy.notifications } }),
        }),
        created_at: now,
      };
    });
    for (const rows of chunked(assessments)) await trx.insertInto('assessments').values(rows).execute();
    const findings = fresh.flatMap(({ postId, p }) => p.result.findings.map((f, i) => ({ post_id: postId, type: f.type, start: f.start, end: f.end, subtype: f.subtype ?? null, owner: f.owner ?? null, value_hash: p.findingHashes[i] ?? null })));
    for (const rows of chunked(findings)) await trx.insertInto('findings').values(rows).execute();
    const hits = fresh.flatMap(({ postId, p }) => p.result.watchlist.map((hit) => ({ post_id: postId, person_id: hit.personId, field: hit.field, created_at: now })));
    for (const rows of chunked(hits)) await trx.insertInto('watchlist_hits').values(rows).execute();
  }

  /** Opens a case for every new post whose action is not `allow` or that names a protected person; maps batch index to case id. */
  private async openCases(trx: Transaction<Database>, fresh: readonly FreshPost[], campaignIds: ReadonlyMap<number, number>, now: number, events: AuditEvent[], outbox: OutboxWriter): Promise<Map<number, number>> {
    const needing = fresh.filter(({ p }) => p.result.action !== 'allow' || p.result.watchlist.length > 0);
    const caseOfPost = new Map<number, number>();
    const rows = needing.map(({ index, postId, p }) => ({
      post_id: postId,
      campaign_id: campaignIds.get(index) ?? null,
      status: 'open',
      severity: p.result.severity,
      severity_rank: severityRank(p.result.severity),
      recommended_action: p.result.action,
      assignee: null,
      due_at: now + CASE_DUE_MS[p.result.severity],
      created_at: now,
      updated_at: now,
      decided_at: null,
    }));
    for (const chunk of chunked(rows)) {
      for (const row of await trx.insertInto('cases').values(chunk).returning(['id', 'post_id']).execute()) caseOfPost.set(row.post_id, row.id);
    }
    const caseIds = new Map<number, number>();
    for (const { index, postId, p } of needing) {
      const caseId = caseOfPost.get(postId) as number;
      caseIds.set(index, caseId);
      const { result } = p;
      const ref = { postId, source: p.post.source, externalId: p.post.id };
      const campaignId = campaignIds.get(index) ?? null;
      events.push({ actor: '', action: 'case.created', subjectType: 'case', subjectId: String(caseId), details: { post: postId, severity: result.severity, action: result.action, watchlistHits: result.watchlist.length } });
      outbox.add({ type: 'case.created', data: { ...ref, caseId, severity: result.severity, action: result.action, labels: flaggedLabels(p), campaignId, watchlistHits: result.watchlist.length } });
      if (result.watchlist.length > 0) outbox.add({ type: 'watchlist.hit', data: { ...ref, caseId, hits: result.watchlist.map((h) => ({ personId: h.personId, field: h.field })) } });
    }
    return caseIds;
  }

  /** Posts already stored (re-sent, or repeated within the batch), with their case and campaign, keyed by postKey. */
  private async findStored(trx: Transaction<Database>, posts: readonly PreparedPost[]): Promise<Map<string, { id: number; case_id: number | null; campaign_id: number | null }>> {
    const found = new Map<string, { id: number; case_id: number | null; campaign_id: number | null }>();
    for (const chunk of chunked(posts.map((p) => p.post))) {
      const rows = await trx
        .selectFrom('posts')
        .leftJoin('cases', 'cases.post_id', 'posts.id')
        .select(['posts.id', 'posts.source', 'posts.external_id', 'cases.id as case_id', 'cases.campaign_id'])
        .where((eb) => eb.or(chunk.map((post) => eb.and([eb('posts.source', '=', post.source), eb('posts.external_id', '=', post.id)]))))
        .execute();
      for (const row of rows) found.set(postKey(row.source, row.external_id), { id: row.id, case_id: row.case_id, campaign_id: row.campaign_id });
    }
    return found;
  }

  /**
   * Finds the campaign sharing any of the post's keys (the oldest if several), or starts one. The
   * database arbitrates between concurrent writers: on PostgreSQL the caller holds the
   * transaction-scoped advisory locks of these keys (lockCampaignKeys); SQLite has a single writer.
   * Cost depends on the post's keys, not on the number of stored posts or campaign size.
   * Growth past a threshold (see isCampaignGrowthThreshold) enqueues `campaign.grown`.
   */
  private async joinCampaign(trx: Transaction<Database>, p: PreparedPost, ref: PostRef, outbox: OutboxWriter): Promise<number> {
    const postId = ref.postId;
    const keys = [...new Set(p.campaignKeys)].sort();
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
   * they would if each post locked its own keys in turn. joinCampaign relies on these locks.
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
