import type { Policy } from '../core/policy/policy.js';
import type { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import type { Ingestor } from '../ingest/ingest.js';
import type { ApiKeyHasher } from '../keys/api-keys.js';
import type { PostQueue } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { ApiMetrics } from './plugins/metrics.js';

/** What route handlers use; built once by buildApp from its dependencies. */
export interface Services {
  readonly store: Store;
  readonly ingestor: Ingestor;
  /** Keyed hashing of watchlist identifiers. */
  readonly hasher: KeyedHasher;
  readonly apiKeys: ApiKeyHasher;
  readonly metrics: ApiMetrics;
  /** Epoch milliseconds; injected so tests control time. */
  readonly clock: () => number;
  /** Recorded with every decision taken through the API. */
  readonly policyVersion: string;
  /** The policy in force (GET /v1/policy). */
  readonly policy: Policy;
  /** The post queue (`serve --queue`); absent: posts are processed in-process. */
  readonly queue?: PostQueue;
}

/** Options every route plugin receives. */
export interface RouteOptions {
  readonly services: Services;
}
