import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HashKey } from '../core/watchlist/keyed-hash.js';

/** What an API key may do; `admin` implies the other two. */
export const ROLES = ['ingest', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** True when a key holding `held` may use a route that needs `needed`. */
export const grants = (held: readonly Role[], needed: Role): boolean => held.includes('admin') || held.includes(needed);

/** `bwk_<id>_<secret>`: the id is public (logs, audit, rate limits); only the secret is a credential. */
const TOKEN = /^bwk_([0-9a-f]{12})_([\w-]{43})$/;

export interface ApiKeyToken {
  readonly id: string;
  readonly secret: string;
  readonly token: string;
}

export function generateApiKeyToken(): ApiKeyToken {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `bwk_${id}_${secret}` };
}

export function parseApiKeyToken(token: string): ApiKeyToken | undefined {
  const m = TOKEN.exec(token);
  return m?.[1] === undefined || m[2] === undefined ? undefined : { id: m[1], secret: m[2], token };
}

export interface ApiKeyHash {
  /** The server hash key the secret was hashed under (so hash keys can rotate). */
  readonly keyId: string;
  readonly hash: string;
}

/**
 * Hashes API key secrets with HMAC-SHA256 under a key derived by HKDF from the server hash keys
 * (the ones kept outside the database): a stolen database holds nothing that authenticates.
 */
export class ApiKeyHasher {
  private readonly derived: ReadonlyMap<string, Buffer>;
  private readonly current: string;

  constructor(keys: readonly HashKey[]) {
    if (keys.length === 0) throw new Error('at least one hash key is needed');
    this.current = keys[0]?.id ?? '';
    this.derived = new Map(keys.map((k) => [k.id, Buffer.from(hkdfSync('sha256', k.secret, Buffer.from('bulwark-api-keys-v1'), Buffer.from('api-key'), 32))]));
  }

  hash(token: ApiKeyToken): ApiKeyHash {
    return { keyId: this.current, hash: this.hmac(this.derived.get(this.current) as Buffer, token) };
  }

  /**
   * Constant-time comparison with a stored hash. An unknown hash key id still costs one HMAC,
   * so the time taken does not tell which part was wrong.
   */
  verify(token: ApiKeyToken, stored: ApiKeyHash): boolean {
    const key = this.derived.get(stored.keyId);
    const computed = Buffer.from(this.hmac(key ?? (this.derived.get(this.current) as Buffer), token), 'hex');
    const expected = Buffer.from(stored.hash, 'hex');
    return key !== undefined && expected.length === computed.length && timingSafeEqual(computed, expected);
  }

  private hmac(key: Buffer, token: ApiKeyToken): string {
    return createHmac('sha256', key).update(`${token.id}.${token.secret}`).digest('hex');
  }
}
