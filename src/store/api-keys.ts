import type { Kysely } from 'kysely';
import { generateApiKeyToken, isRole, ROLES, type ApiKeyHasher, type ApiKeyHash, type Role } from '../keys/api-keys.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** The api_keys table (migration 0002). */
export interface ApiKeysTable {
  id: string;
  name: string;
  roles: string;
  hash_key_id: string;
  secret_hash: string;
  /** Requests per minute for this key; null: the server default. */
  rate_limit: number | null;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ApiKeySummary {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly rateLimit: number | null;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

/** A key as the authenticator needs it: its roles and the stored hash to check the secret against. */
export interface StoredApiKey extends ApiKeySummary {
  readonly stored: ApiKeyHash;
}

export class ApiKeyInputError extends Error {
  override readonly name = 'ApiKeyInputError';
  readonly code = 'INVALID_API_KEY_INPUT';
}

type KeysDatabase = Database & { api_keys: ApiKeysTable };

/** The store's database with the api_keys table in its type (made once per store: it is looked up on every request). */
const keysDbs = new WeakMap<Store, Kysely<KeysDatabase>>();
function keysDb(store: Store): Kysely<KeysDatabase> {
  let db = keysDbs.get(store);
  if (db === undefined) {
    db = store.db.withTables<{ api_keys: ApiKeysTable }>();
    keysDbs.set(store, db);
  }
  return db;
}

const toSummary = (r: ApiKeysTable): ApiKeySummary => ({
  id: r.id,
  name: r.name,
  roles: r.roles.split(',').filter(isRole),
  rateLimit: r.rate_limit,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export interface NewApiKey {
  readonly name: string;
  readonly roles: readonly string[];
  readonly rateLimit?: number;
}

/** Creates a key; the returned token is the only time the secret exists outside the caller's hands. */
export async function createApiKey(store: Store, hasher: ApiKeyHasher, input: NewApiKey, now: number, actor: string): Promise<{ key: ApiKeySummary; token: string }> {
  const roles = [...new Set(input.roles)];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) throw new ApiKeyInputError(`roles must be one or more of ${ROLES.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  if (input.name.trim() === '' || input.name.length > 200) throw new ApiKeyInputError('a key needs a name of 1 to 200 characters (what or who uses it)');
  if (input.rateLimit !== undefined && !(Number.isInteger(input.rateLimit) && input.rateLimit > 0)) throw new ApiKeyInputError('the rate limit must be a positive whole number of requests per minute');
  const token = generateApiKeyToken();
  const { keyId, hash } = hasher.hash(token);
  const row: ApiKeysTable = {
    id: token.id,
    name: input.name.trim(),
    roles: roles.join(','),
    hash_key_id: keyId,
    secret_hash: hash,
    rate_limit: input.rateLimit ?? null,
    created_by: actor,
    created_at: now,
    revoked_at: null,
  };
  await store.transaction('creating an API key', async (trx) => {
    await trx.withTables<{ api_keys: ApiKeysTable }>().insertInto('api_keys').values(row).execute();
    await store.audit(trx, now, [{ actor, action: 'api_key.created', subjectType: 'api_key', subjectId: token.id, details: { roles: row.roles } }]);
  });
  return { key: toSummary(row), token: token.token };
}

export async function listApiKeys(store: Store): Promise<ApiKeySummary[]> {
  const rows = await keysDb(store).selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toSummary);
}

export async function findApiKey(store: Store, id: string): Promise<StoredApiKey | undefined> {
  const row = await keysDb(store).selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { ...toSummary(row), stored: { keyId: row.hash_key_id, hash: row.secret_hash } };
}

/** Revokes a key for good; false when there is no active key with that id. */
export async function revokeApiKey(store: Store, id: string, now: number, actor: string): Promise<boolean> {
  return store.transaction('revoking an API key', async (trx) => {
    const updated = await trx.withTables<{ api_keys: ApiKeysTable }>().updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await store.audit(trx, now, [{ actor, action: 'api_key.revoked', subjectType: 'api_key', subjectId: id }]);
    return true;
  });
}

export async function hasActiveAdminKey(store: Store): Promise<boolean> {
  const rows = await keysDb(store).selectFrom('api_keys').select('roles').where('revoked_at', 'is', null).execute();
  return rows.some((r) => r.roles.split(',').includes('admin'));
}
