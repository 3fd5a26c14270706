import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { WatchlistField } from '../core/watchlist/fields.js';
import { addProtectedPerson, isWatchlistField, listProtectedPersons, removeProtectedPerson, type WatchlistIdentifier } from '../store/watchlist.js';
import { actorOf, withStore, type StoreOptions } from './context.js';
import { renderTable } from './table.js';

export type Output = (line: string) => void;

export async function watchlistAdd(options: StoreOptions, label: string, identifiers: WatchlistIdentifier[], out: Output): Promise<void> {
  await withStore(options, async (store, hasher) => {
    const id = await addProtectedPerson(store, hasher, label, identifiers, Date.now(), actorOf(options));
    out(`added protected person ${id} (${identifiers.length} identifier(s), stored as keyed hashes only)`);
  });
}

interface ImportRow {
  readonly line: number;
  readonly label: string;
  readonly field: WatchlistField;
  readonly value: string;
}

/**
 * Imports a CSV with a header `label,field,value` (one identifier per row; rows sharing a label
 * are one person). Every row is checked first: any bad row and nothing is imported.
 */
export async function watchlistImport(options: StoreOptions, file: string, out: Output, err: Output): Promise<boolean> {
  const records = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const rows: ImportRow[] = [];
  const problems: string[] = [];
  for (const { record, info } of records) {
    const { label, field, value } = record;
    if (!label || !field || !value) problems.push(`${file}:${info.lines}: needs label, field and value`);
    else if (!isWatchlistField(field)) problems.push(`${file}:${info.lines}: unknown field "${field}"`);
    else rows.push({ line: info.lines, label, field, value });
  }
  if (problems.length > 0 || rows.length === 0) {
    for (const p of problems) err(p);
    err(rows.length === 0 && problems.length === 0 ? `${file}: no rows (expected a header label,field,value)` : `nothing imported: fix the ${problems.length} row(s) above`);
    return false;
  }
  const persons = new Map<string, WatchlistIdentifier[]>();
  for (const r of rows) persons.set(r.label, [...(persons.get(r.label) ?? []), { field: r.field, value: r.value }]);
  await withStore(options, async (store, hasher) => {
    for (const [label, identifiers] of persons) await addProtectedPerson(store, hasher, label, identifiers, Date.now(), actorOf(options));
  });
  out(`imported ${persons.size} protected person(s), ${rows.length} identifier(s)`);
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
