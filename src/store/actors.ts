import type { Store } from './store.js';
import type { ApiKeysTable } from './api-keys.js';

/** Most actors resolved in one call (a page of cases or one case's history needs far fewer). */
const MAX_ACTORS = 500;

const USER = /^user:(\d{1,15})$/;
const API_KEY = /^api-key:(\w{1,64})$/;

/**
 * Display names of actor ids (`user:<id>` → the username, `api-key:<id>` → `key "<name>"`), so
 * reviewers see who holds or decided a case. Other actors (`cli:…`, `ingest`) and unknown ids are
 * left out: the id itself is what to show.
 */
export async function actorNames(store: Store, actors: Iterable<string>): Promise<Record<string, string>> {
  const unique = [...new Set(actors)].slice(0, MAX_ACTORS);
  const userIds = unique.flatMap((a) => USER.exec(a)?.[1] ?? []).map(Number);
  const keyIds = unique.flatMap((a) => API_KEY.exec(a)?.[1] ?? []);
  const [users, keys] = await Promise.all([
    userIds.length === 0 ? [] : store.db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute(),
    keyIds.length === 0 ? [] : store.db.withTables<{ api_keys: ApiKeysTable }>().selectFrom('api_keys').select(['id', 'name']).where('id', 'in', keyIds).execute(),
  ]);
  return Object.fromEntries([...users.map((u) => [`user:${u.id}`, u.username] as const), ...keys.map((k) => [`api-key:${k.id}`, `key "${k.name}"`] as const)]);
}
