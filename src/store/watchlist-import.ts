import { CsvError, parse } from 'csv-parse/sync';
import { canonicalVariants } from '../core/watchlist/canonical.js';
import type { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import type { Store } from './store.js';
import { addProtectedPerson, isWatchlistField, type WatchlistIdentifier } from './watchlist.js';

/** Most identifier rows one import takes. */
export const MAX_IMPORT_ROWS = 10_000;

/** A CSV that cannot be imported; `problems` name each bad line, never quoting a value. */
export class WatchlistImportError extends Error {
  override readonly name = 'WatchlistImportError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/**
 * Reads the `bulwark watchlist import` format: a header `label,field,value`, one identifier per row,
 * rows sharing a label are one person. Every row is checked (including that the value has a usable
 * canonical form) before anything is returned: one bad row and the whole file is refused.
 */
export function parseWatchlistCsv(text: string): Map<string, WatchlistIdentifier[]> {
  let records: { record: Record<string, string | undefined>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, to: MAX_IMPORT_ROWS + 1 }) as typeof records;
  } catch (error) {
    // Parser messages can quote the offending value: say where, not what.
    if (error instanceof CsvError) throw new WatchlistImportError([`line ${(error as CsvError & { lines?: number }).lines ?? '?'}: the CSV cannot be read (${error.code})`]);
    throw error;
  }
  if (records.length > MAX_IMPORT_ROWS) throw new WatchlistImportError([`at most ${MAX_IMPORT_ROWS} rows per import; split the file`]);
  const problems: string[] = [];
  const persons = new Map<string, WatchlistIdentifier[]>();
  for (const { record, info } of records) {
    const { label, field, value } = record;
    if (!label || !field || !value) problems.push(`line ${info.lines}: needs label, field and value`);
    else if (!isWatchlistField(field)) problems.push(`line ${info.lines}: unknown field "${field.slice(0, 40)}"`);
    else if (canonicalVariants(field, value).length === 0) problems.push(`line ${info.lines}: the ${field} has no usable value`);
    else persons.set(label, [...(persons.get(label) ?? []), { field, value }]);
  }
  if (problems.length > 0) throw new WatchlistImportError(problems);
  if (persons.size === 0) throw new WatchlistImportError(['no rows (expected a header label,field,value and one row per identifier)']);
  return persons;
}

/** Imports a checked CSV: one protected person per label, each audited as `watchlist.added`. */
export function importProtectedPersons(store: Store, hasher: KeyedHasher, text: string, now: number, actor: string): Promise<{ added: number; identifiers: number }> {
  return addProtectedPersons(store, hasher, parseWatchlistCsv(text), now, actor);
}

/** Registers checked persons (from parseWatchlistCsv), one audited `watchlist.added` each. */
export async function addProtectedPersons(store: Store, hasher: KeyedHasher, persons: ReadonlyMap<string, readonly WatchlistIdentifier[]>, now: number, actor: string): Promise<{ added: number; identifiers: number }> {
  let identifiers = 0;
  for (const [label, ids] of persons) {
    await addProtectedPerson(store, hasher, label, ids, now, actor);
    identifiers += ids.length;
  }
  return { added: persons.size, identifiers };
}
