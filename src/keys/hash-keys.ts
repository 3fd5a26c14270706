import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { HashKey } from '../core/watchlist/keyed-hash.js';

/**
 * Server keys for keyed hashing, kept OUTSIDE the database: from BULWARK_HASH_KEYS
 * (`id:base64,id:base64`, current first) or a key file with one `id:base64` per line.
 */
export class KeyConfigError extends Error {
  override readonly name = 'KeyConfigError';
  readonly code = 'KEY_CONFIG';
}

/** Entries are separated by newlines (key file) or commas (environment); `#` starts a comment line. */
export function parseKeys(text: string, origin: string): HashKey[] {
  const keys = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.split(','))
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line, i) => {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new KeyConfigError(`${origin}: entry ${i + 1} must be "<key id>:<base64 secret>"`);
      const secret = Buffer.from(line.slice(colon + 1), 'base64');
      if (secret.length < 32) throw new KeyConfigError(`${origin}: key "${line.slice(0, colon)}" must be at least 32 bytes (base64 of 32 random bytes)`);
      return { id: line.slice(0, colon), secret };
    });
  if (keys.length === 0) throw new KeyConfigError(`${origin}: no key found`);
  return keys;
}

export interface LoadKeysOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly keyFile: string;
  /** Create the key file with a new random key when neither source exists (embedded default). */
  readonly createIfMissing: boolean;
}

export function loadHashKeys(options: LoadKeysOptions): HashKey[] {
  const fromEnv = (options.env ?? process.env).BULWARK_HASH_KEYS;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseKeys(fromEnv, 'BULWARK_HASH_KEYS');
  if (existsSync(options.keyFile)) return parseKeys(readFileSync(options.keyFile, 'utf8'), options.keyFile);
  if (!options.createIfMissing) throw new KeyConfigError(`no hash key: set BULWARK_HASH_KEYS or create ${options.keyFile}`);
  const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  writeFileSync(options.keyFile, `# Bulwark keyed-hash secret. Keep it outside the database and back it up:\n# without it, watchlist hashes cannot be matched.\n${id}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return parseKeys(readFileSync(options.keyFile, 'utf8'), options.keyFile);
}
