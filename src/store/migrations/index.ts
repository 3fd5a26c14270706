import type { Kysely, Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as apiKeys from './0002-api-keys.js';
import * as webhooks from './0003-webhooks.js';
import * as usersSessions from './0004-users-sessions.js';
import * as caseLocks from './0005-case-locks.js';

export type MigrationDialect = 'sqlite' | 'postgres';

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void>;
}

/** Every migration, in order. Names sort alphabetically in the order they must run. */
const MIGRATIONS: Readonly<Record<string, DialectMigration>> = {
  '0001-initial': initial,
  '0002-api-keys': apiKeys,
  '0003-webhooks': webhooks,
  '0004-users-sessions': usersSessions,
  '0005-case-locks': caseLocks,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

/** Kysely migrations bound to a dialect (kysely's provider interface has no dialect argument). */
export function migrationsFor(dialect: MigrationDialect): Record<string, Migration> {
  return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, dialect) }]));
}

export const KNOWN_MIGRATIONS: ReadonlySet<string> = new Set(Object.keys(MIGRATIONS));
