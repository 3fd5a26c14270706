import type { WatchlistField } from '../core/watchlist/fields.js';
import type { Store } from './store.js';
import type { WatchlistPersonSummary } from './watchlist.js';

/** One active protected person: label and hashes per field, never an identifier. */
export async function getProtectedPerson(store: Store, id: number): Promise<WatchlistPersonSummary | undefined> {
  const person = await store.db.selectFrom('watchlist_persons').select(['id', 'label', 'created_at']).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  if (person === undefined) return undefined;
  const rows = await store.db
    .selectFrom('watchlist_identifiers')
    .select((eb) => ['field', eb.fn.countAll<number>().as('n')])
    .where('person_id', '=', id)
    .groupBy('field')
    .execute();
  const fields: Partial<Record<WatchlistField, number>> = {};
  for (const r of rows) fields[r.field as WatchlistField] = Number(r.n);
  return { id: person.id, label: person.label, createdAt: person.created_at, fields };
}
