import { ApiKeyHasher, ROLES } from '../keys/api-keys.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../store/api-keys.js';
import { actorOf, withStore, type StoreOptions } from './context.js';
import { renderTable } from './table.js';
import type { Output } from './watchlist.js';

export interface KeysCreateOptions extends StoreOptions {
  /** Roles, repeated or comma-separated. */
  readonly role: readonly string[];
  readonly name?: string;
  /** Requests per minute for this key. */
  readonly rateLimit?: string;
}

/** Creates an API key and prints it once, alone on stdout (so `KEY=$(bulwark keys create …)` works); the rest goes to stderr. */
export async function keysCreate(options: KeysCreateOptions, out: Output, err: Output): Promise<void> {
  const roles = options.role.flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
  if (options.rateLimit !== undefined && !/^[1-9]\d{0,6}$/.test(options.rateLimit)) throw new Error(`--rate-limit must be a positive whole number of requests per minute, got "${options.rateLimit}"`);
  await withStore(options, async (store, hasher) => {
    const { key, token } = await createApiKey(
      store,
      new ApiKeyHasher(hasher.keys),
      { name: options.name ?? `${roles.join('+')} key`, roles, ...(options.rateLimit === undefined ? {} : { rateLimit: Number(options.rateLimit) }) },
      Date.now(),
      actorOf(options),
    );
    out(token);
    err(`bulwark keys: created key ${key.id} "${key.name}" with role(s) ${key.roles.join(', ')}. It is shown only now: store it in a secret manager. Send it as "Authorization: Bearer <key>".`);
  });
}

export async function keysList(options: StoreOptions, json: boolean, out: Output): Promise<void> {
  await withStore(options, async (store) => {
    const keys = await listApiKeys(store);
    if (json) {
      out(JSON.stringify(keys));
      return;
    }
    const day = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));
    out(
      renderTable(
        ['id', 'name', 'roles', 'rate limit/min', 'created', 'revoked'],
        keys.map((k) => [k.id, k.name, k.roles.join(','), k.rateLimit === null ? 'default' : String(k.rateLimit), day(k.createdAt), day(k.revokedAt)]),
      ),
    );
  });
}

/** Revokes a key at once; false when no active key has that id. */
export async function keysRevoke(options: StoreOptions, id: string, out: Output): Promise<boolean> {
  if (!/^[0-9a-f]{12}$/.test(id)) throw new Error(`"${id}" is not an API key id (12 hex characters, see \`bulwark keys list\`)`);
  return withStore(options, async (store) => {
    const revoked = await revokeApiKey(store, id, Date.now(), actorOf(options));
    out(revoked ? `revoked API key ${id}` : `no active API key ${id}`);
    return revoked;
  });
}

export const KEY_ROLES_HELP = `${ROLES.join(', ')} (admin may do everything)`;
