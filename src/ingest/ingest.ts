import { analyze } from '../core/analyze.js';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import { factsFrom } from '../core/policy/facts.js';
import type { Policy } from '../core/policy/policy.js';
import { MinHasher } from '../core/similarity/minhash.js';
import type { AnalysisResult, EntityType } from '../core/types.js';
import type { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import { WatchlistMatcher } from '../core/watchlist/matcher.js';
import type { IngestOutcome, PreparedPost, RejectedPost } from '../store/records.js';
import type { Store } from '../store/store.js';
import { loadWatchlistHashes, watchlistVersion } from '../store/watchlist.js';
import { validatePost } from './validate.js';

/** Most posts a single ingest call accepts (HTTP and CLI batches are cut to this). */
export const MAX_BATCH = 500;

/** Types whose value identifies the same disclosure across reposts. */
const CAMPAIGN_TYPES: ReadonlySet<EntityType> = new Set(['phone', 'email', 'street_address', 'license_plate', 'gov_id', 'credit_card', 'geo_coordinates', 'date_of_birth']);

export interface IngestorOptions {
  readonly store: Store;
  readonly hasher: KeyedHasher;
  /** The policy in force; defaults to the built-in one (POLICY §4). Its version is recorded with every assessment. */
  readonly policy?: Policy;
  readonly clock?: () => number;
}

/**
 * The in-process ingest pipeline: validate → analyze (with the watchlist) → store post,
 * assessment, case and campaign in one transaction → recommended action per post.
 */
export class Ingestor {
  private readonly minhash = new MinHasher();
  private matcher: WatchlistMatcher;
  private matcherVersion = '';
  private readonly clock: () => number;
  private readonly policy: Policy;

  constructor(private readonly options: IngestorOptions) {
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.matcher = new WatchlistMatcher(options.hasher, []);
    this.clock = options.clock ?? Date.now;
  }

  /** Ingests a batch atomically; re-ingesting a post changes nothing and reports `duplicate`. */
  async ingest(batch: readonly unknown[]): Promise<IngestOutcome[]> {
    const { prepared, rejected, order, now } = await this.prepare(batch);
    const saved = await this.options.store.saveBatch(prepared, rejected, now);
    // saveBatch reports rejected posts first; give outcomes back in input order.
    const rejectedOut = saved.slice(0, rejected.length);
    const storedOut = saved.slice(rejected.length);
    return order.map((kind) => (kind === 'rejected' ? rejectedOut.shift() : storedOut.shift()) as IngestOutcome);
  }

  /** Validates and analyzes a batch without storing it. */
  async prepare(batch: readonly unknown[]): Promise<{ prepared: PreparedPost[]; rejected: RejectedPost[]; order: ('prepared' | 'rejected')[]; now: number }> {
    if (batch.length > MAX_BATCH) throw new RangeError(`a batch holds at most ${MAX_BATCH} posts, got ${batch.length}`);
    await this.refreshWatchlist();
    const now = this.clock();
    const prepared: PreparedPost[] = [];
    const rejected: RejectedPost[] = [];
    const order: ('prepared' | 'rejected')[] = [];
    for (const raw of batch) {
      const v = validatePost(raw);
      if (!v.ok) {
        rejected.push({ source: v.source, id: v.id, reason: v.reason, size: v.size, receivedAt: now });
        order.push('rejected');
        continue;
      }
      const receivedAt = v.post.receivedAt ?? now;
      const analyzed = analyze({ id: v.post.id, text: v.post.text }, { watchlist: this.matcher });
      // Campaign size is known only once the store has grouped the post; rules see it as 0 here.
      const decision = evaluatePolicy(this.policy, factsFrom(analyzed, { source: v.post.source, ...(v.post.channel === undefined ? {} : { channel: v.post.channel }) }));
      const result = { ...analyzed, action: decision.action };
      prepared.push({ post: v.post, receivedAt, result, policy: decision, policyVersion: decision.policyVersion, findingHashes: this.findingHashes(result), campaignKeys: this.campaignKeys(v.post.text, result) });
      order.push('prepared');
    }
    return { prepared, rejected, order, now };
  }

  private async refreshWatchlist(): Promise<void> {
    const version = await watchlistVersion(this.options.store);
    if (version === this.matcherVersion) return;
    this.matcher = new WatchlistMatcher(this.options.hasher, await loadWatchlistHashes(this.options.store));
    this.matcherVersion = version;
  }

  private findingHashes(result: AnalysisResult): (string | null)[] {
    return result.findings.map((f) => (f.canonical === undefined || f.type === 'person' ? null : this.options.hasher.hash('campaign', `${f.type}:${f.canonical}`).hash));
  }

  /** Flagged posts group by the personal data they disclose and by near-duplicate text. */
  private campaignKeys(text: string, result: AnalysisResult): string[] {
    if (result.action === 'allow') return [];
    const keys = result.findings
      .filter((f) => CAMPAIGN_TYPES.has(f.type) && f.canonical !== undefined && f.owner !== 'author' && f.owner !== 'public' && f.owner !== 'example')
      .map((f) => `pii:${this.options.hasher.hash('campaign', `${f.type}:${f.canonical}`).hash}`);
    const lsh = this.minhash.bandKeys(this.minhash.signature(text)).map((k) => `lsh:${k}`);
    return [...new Set([...keys, ...lsh])];
  }
}
