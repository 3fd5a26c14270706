import { canonicalVariants } from '../core/watchlist/canonical.js';
import { WATCHLIST_FIELDS, type WatchlistField } from '../core/watchlist/fields.js';
import type { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import type { WatchlistEntryHash } from '../core/watchlist/matcher.js';
import type { Store } from './store.js';

export interface WatchlistIdentifier {
  readonly field: WatchlistField;
  readonly value: string;
}

/** What listing shows: never an identifier, only how many hashes of each kind are registered. */
export interface WatchlistPersonSummary {
  readonly id: number;
  readonly label: string;
  readonly createdAt: number;
  readonly fields: Readonly<Partial<Record<WatchlistField, number>>>;
}

export class WatchlistInputError extends Error {
  override readonly name = 'WatchlistInputError';
  readonly code = 'INVALID_WATCHLIST_ENTRY';
}

export const isWatchlistField = (f: string): f is WatchlistField => (WATCHLIST_FIELDS as readonly string[]).includes(f);

/**
 * Registers a protected person. Only keyed hashes of canonical variants are stored; an
 * identifier with no canonical form (a "phone" without digits) is refused, saying which.
 */
export async function addProtectedPerson(store: Store, hasher: KeyedHasher, label: string, identifiers: readonly WatchlistIdentifier[], now: number, actor: string): Promise<number> {
  if (label.trim() === '') throw new WatchlistInputError('a protected person needs a label (an alias or case reference, not an identifier)');
  const hashes: { field: WatchlistField; keyId: string; hash: string }[] = [];
  const counts: Partial<Record<WatchlistField, number>> = {};
  identifiers.forEach((identifier, i) => {
    const variants = canonicalVariants(identifier.field, identifier.value);
    if (variants.length === 0) throw new WatchlistInputError(`identifier ${i + 1} (${identifier.field}) has no usable value`);
    counts[identifier.field] = (counts[identifier.field] ?? 0) + 1;
    for (const v of variants) hashes.push({ field: identifier.field, ...hasher.hash(identifier.field, v) });
  });
  if (hashes.length === 0) throw new WatchlistInputError('a protected person needs at least one identifier');
  return store.transaction('adding a protected person', async (trx) => {
    const person = await trx.insertInto('watchlist_persons').values({ label: label.trim(), created_at: now, removed_at: null }).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('watchlist_identifiers')
      .values(hashes.map((h) => ({ person_id: person.id, field: h.field, key_id: h.keyId, hash: h.hash })))
      .onConflict((oc) => oc.columns(['person_id', 'field', 'key_id', 'hash']).doNothing())
      .execute();
    await store.audit(trx, now, [{ actor, action: 'watchlist.added', subjectType: 'watchlist_person', subjectId: String(person.id), details: { ...counts } }]);
    return person.id;
  });
}

export async function listProtectedPersons(store: Store): Promise<WatchlistPersonSummary[]> {
  const persons = await store.db.selectFrom('watchlist_persons').select(['id', 'label', 'created_at']).where('removed_at', 'is', null).orderBy('id').execute();
  const rows = await store.db
    .selectFrom('watchlist_identifiers')
    .innerJoin('watchlist_persons', 'watchlist_persons.id', 'watchlist_identifiers.person_id')
    .where('watchlist_persons.removed_at', 'is', null)
    .select(['person_id', 'field', 'key_id'])
    .execute();
  // One identifier is stored as one hash per canonical variant: the counts are hashes per field.
  const fields = new Map<number, Partial<Record<WatchlistField, number>>>();
  for (const r of rows) {
    const f = fields.get(r.person_id) ?? {};
    const field = r.field as WatchlistField;
    f[field] = (f[field] ?? 0) + 1;
    fields.set(r.person_id, f);
  }
  return persons.map((p) => ({ id: p.id, label: p.label, createdAt: p.created_at, fields: fields.get(p.id) ?? {} }));
}

/** Removes a person: their hashes are deleted (no longer matched); the row stays for past hits and the audit trail. */
export async function removeProtectedPerson(store: Store, id: number, now: number, actor: string): Promise<boolean> {
  return store.transaction('removing a protected person', async (trx) => {
    const updated = await trx.updateTable('watchlist_persons').set({ removed_at: now }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await trx.deleteFrom('watchlist_identifiers').where('person_id', '=', id).execute();
    await store.audit(trx, now, [{ actor, action: 'watchlist.removed', subjectType: 'watchlist_person', subjectId: String(id) }]);
    return true;
  });
}

/** Every active hash, to build the in-memory matcher. */
export async function loadWatchlistHashes(store: Store): Promise<WatchlistEntryHash[]> {
  const rows = await store.db.selectFrom('watchlist_identifiers').select(['person_id', 'field', 'key_id', 'hash']).execute();
  return rows.map((r) => ({ personId: r.person_id, field: r.field as WatchlistField, keyId: r.key_id, hash: r.hash }));
}

/** Changes whenever identifiers are added or removed: cheap to poll before each batch. */
export async function watchlistVersion(store: Store): Promise<string> {
  const row = await store.db
    .selectFrom('watchlist_identifiers')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max<number>('id').as('max')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}:${Number(row.max ?? 0)}`;
}
