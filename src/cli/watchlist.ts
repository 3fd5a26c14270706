import { readFileSync } from 'node:fs';
import { addProtectedPersons, parseWatchlistCsv, WatchlistImportError } from '../store/watchlist-import.js';
import { addProtectedPerson, listProtectedPersons, removeProtectedPerson, type WatchlistIdentifier } from '../store/watchlist.js';
import { actorOf, withStore, type StoreOptions } from './context.js';
import { renderTable } from './table.js';

export type Output = (line: string) => void;

export async function watchlistAdd(options: StoreOptions, label: string, identifiers: WatchlistIdentifier[], out: Output): Promise<void> {
  await withStore(options, async (store, hasher) => {
    const id = await addProtectedPerson(store, hasher, label, identifiers, Date.now(), actorOf(options));
    out(`added protected person ${id} (${identifiers.length} identifier(s), stored as keyed hashes only)`);
  });
}

/**
 * Imports a CSV with a header `label,field,value` (one identifier per row; rows sharing a label
 * are one person). Every row is checked first: any bad row and nothing is imported.
 */
export async function watchlistImport(options: StoreOptions, file: string, out: Output, err: Output): Promise<boolean> {
  let persons: Map<string, WatchlistIdentifier[]>;
  try {
    persons = parseWatchlistCsv(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof WatchlistImportError)) throw error;
    for (const problem of error.problems) err(`${file}: ${problem}`);
    err('nothing imported: fix the row(s) above');
    return false;
  }
  const added = await withStore(options, (store, hasher) => addProtectedPersons(store, hasher, persons, Date.now(), actorOf(options)));
  out(`imported ${added.added} protected person(s), ${added.identifiers} identifier(s)`);
  return true;
}

export async function watchlistList(options: StoreOptions, json: boolean, out: Output): Promise<void> {
  await withStore(options, async (store) => {
    const persons = await listProtectedPersons(store);
    if (json) {
      out(JSON.stringify(persons));
      return;
    }
    out(
      renderTable(
        ['id', 'label', 'registered', 'hashes per field'],
        persons.map((p) => [String(p.id), p.label, new Date(p.createdAt).toISOString().slice(0, 10), Object.entries(p.fields).map(([f, n]) => `${f} ${n}`).join(', ')]),
      ),
    );
  });
}

export async function watchlistRemove(options: StoreOptions, id: number, out: Output): Promise<boolean> {
  return withStore(options, async (store) => {
    const removed = await removeProtectedPerson(store, id, Date.now(), actorOf(options));
    out(removed ? `removed protected person ${id}` : `no active protected person ${id}`);
    return removed;
  });
}
