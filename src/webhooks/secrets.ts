import { hkdfSync, randomBytes } from 'node:crypto';
import type { HashKey } from '../core/watchlist/keyed-hash.js';

/**
 * Signing secrets of webhook endpoints are never stored. The database keeps the id of the server
 * key and a random salt per endpoint; the secret is HKDF(server key, salt) and can only be
 * recomputed by a process holding the server keys, which live outside the database.
 */
export interface SecretRef {
  readonly keyId: string;
  /** 16 random bytes, hex. */
  readonly salt: string;
}

const INFO = Buffer.from('bulwark-webhook-signing-v1');
export const SECRET_PREFIX = 'whsec_';

export class WebhookSecrets {
  constructor(private readonly keys: readonly HashKey[]) {
    if (keys.length === 0) throw new Error('at least one server key is needed to derive webhook secrets');
  }

  /** A new secret under the current server key; show `secret` once and store only `ref`. */
  issue(): { ref: SecretRef; secret: string } {
    const key = this.keys[0] as HashKey;
    const ref = { keyId: key.id, salt: randomBytes(16).toString('hex') };
    return { ref, secret: derive(key, ref.salt) };
  }

  /** The secret of an endpoint, or undefined when its server key is no longer configured. */
  secretFor(ref: SecretRef): string | undefined {
    const key = this.keys.find((k) => k.id === ref.keyId);
    return key === undefined ? undefined : derive(key, ref.salt);
  }
}

function derive(key: HashKey, salt: string): string {
  return SECRET_PREFIX + Buffer.from(hkdfSync('sha256', key.secret, Buffer.from(salt, 'hex'), INFO, 32)).toString('base64url');
}
