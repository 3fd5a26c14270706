import type { ColumnDefinitionBuilder } from 'kysely';
import type { MigrationDialect } from './index.js';

/** The few column types that differ between SQLite and PostgreSQL, for every migration. */
export function columnTypes(dialect: MigrationDialect) {
  const postgres = dialect === 'postgres';
  return {
    /** Auto-incremented primary key type. */
    id: postgres ? 'bigserial' : 'integer',
    /** Epoch milliseconds and other 64-bit integers. */
    big: postgres ? 'bigint' : 'integer',
    /** A reference to an `id`. */
    ref: postgres ? 'bigint' : 'integer',
    pk: (c: ColumnDefinitionBuilder) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()),
  } as const;
}
