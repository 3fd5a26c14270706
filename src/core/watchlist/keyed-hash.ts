import { createHmac, hkdfSync } from 'node:crypto';
import { WATCHLIST_FIELDS, type WatchlistField } from './fields.js';

/** A server secret kept outside the database; `id` is stored beside each hash so keys can rotate. */
export interface HashKey {
  readonly id: string;
  readonly secret: Buffer;
}

export interface KeyedHash {
  readonly keyId: string;
  readonly hash: string;
}

/** Purposes of derived keys besides the watchlist fields. */
export type HashPurpose = WatchlistField | 'campaign';

const PURPOSES: readonly HashPurpose[] = [...WATCHLIST_FIELDS, 'campaign'];

/**
 * HMAC-SHA256 under a key derived per purpose with HKDF, so a hash of a phone can never be compared
 * with a hash of a plate, and the campaign grouping keys never equal watchlist hashes.
 */
export class KeyedHasher {
  /** Derived subkeys, `<key id>\u0000<purpose>` → 32 bytes, computed once. */
  private readonly derived: ReadonlyMap<string, Buffer>;

  /** `keys[0]` is current: new identifiers are hashed with it; all keys are tried when matching. */
  constructor(readonly keys: readonly HashKey[]) {
    if (keys.length === 0) throw new Error('at least one hash key is needed');
    for (const key of keys) {
      if (key.secret.length < 32) throw new Error(`hash key ${key.id} is shorter than 32 bytes`);
    }
    this.derived = new Map(
      keys.flatMap((key) =>
        PURPOSES.map((purpose) => [`${key.id}\u0000${purpose}`, Buffer.from(hkdfSync('sha256', key.secret, Buffer.from('bulwark-watchlist-v1'), Buffer.from(purpose), 32))] as const),
      ),
    );
  }

  get currentKeyId(): string {
    return this.keys[0]?.id ?? '';
  }

  /** The hash under the current key. */
  hash(purpose: HashPurpose, canonical: string): KeyedHash {
    const key = this.keys[0] as HashKey;
    return { keyId: key.id, hash: this.hashWith(key, purpose, canonical) };
  }

  /** The hash under every key (for matching during a rotation). */
  hashAll(purpose: HashPurpose, canonical: string): KeyedHash[] {
    return this.keys.map((key) => ({ keyId: key.id, hash: this.hashWith(key, purpose, canonical) }));
  }

  private hashWith(key: HashKey, purpose: HashPurpose, canonical: string): string {
    const subkey = this.derived.get(`${key.id}\u0000${purpose}`) as Buffer;
    return createHmac('sha256', subkey).update(canonical, 'utf8').digest('hex');
  }
}
