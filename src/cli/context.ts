import { userInfo } from 'node:os';
import { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import { loadHashKeys } from '../keys/hash-keys.js';
import { Store } from '../store/store.js';

/** Options every command that touches the store shares. */
export interface StoreOptions {
  readonly db: string;
  readonly keyFile: string;
  readonly actor?: string;
}

export const DEFAULT_DB = process.env.BULWARK_DB ?? './bulwark.db';
export const DEFAULT_KEY_FILE = process.env.BULWARK_KEY_FILE ?? './bulwark.key';

/** Who is acting, for the audit log: an operator name, never a person being protected. */
export const actorOf = (o: StoreOptions): string => o.actor ?? `cli:${userInfo().username}`;

export async function withStore<T>(options: StoreOptions, fn: (store: Store, hasher: KeyedHasher) => Promise<T>): Promise<T> {
  const hasher = new KeyedHasher(loadHashKeys({ keyFile: options.keyFile, createIfMissing: !/^postgres/.test(options.db) }));
  const store = await Store.open(options.db);
  try {
    return await fn(store, hasher);
  } finally {
    await store.close();
  }
}
