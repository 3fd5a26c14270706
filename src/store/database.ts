import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { KNOWN_MIGRATIONS, LATEST_MIGRATION, migrationsFor, type MigrationDialect } from './migrations/index.js';
import { isTransient } from './retry.js';
import type { Database } from './schema.js';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: MigrationDialect;
  close(): Promise<void>;
}

/** The database could not be opened or migrated; the message says what to do. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
}

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  readonly code = 'SCHEMA_TOO_NEW';
}

const isPostgresUrl = (url: string) => /^postgres(?:ql)?:\/\//.test(url);

/** Redacts the password of a connection URL for messages. */
export function describeUrl(url: string): string {
  return isPostgresUrl(url) ? url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : url;
}

/**
 * Opens `postgres://…` with pg, anything else as a SQLite file (WAL, foreign keys on), and runs
 * the migrations. Refuses a database whose schema is newer than this build.
 */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  const dialect: MigrationDialect = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? openPostgres(url) : openSqlite(url.replace(/^sqlite:/, ''));
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    // Transient errors go up as they are, so the caller's retry loop recognizes them.
    if (error instanceof SchemaTooNewError || isTransient(error)) throw error;
    throw new StoreUnavailableError(`cannot open the database at ${describeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect, close: () => db.destroy() };
}

function openSqlite(path: string): Kysely<Database> {
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Another process holding the write lock: wait for it rather than fail at once.
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

const INT8_OID = 20;

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // Epoch-millisecond columns are bigint; they fit a JavaScript number.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) },
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  // Nor one checked out between two queries of a transaction: its next query fails instead, and
  // the caller's retry recognizes that failure as transient.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<Database>, dialect: MigrationDialect): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationsFor(dialect) } });
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !KNOWN_MIGRATIONS.has(name));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `the database schema is newer than this Bulwark (it has migration ${unknown.join(', ')}; this build knows up to ${LATEST_MIGRATION}): upgrade Bulwark, do not downgrade the database`,
    );
  }
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.rows.map((r) => r.name);
}
