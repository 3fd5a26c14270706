import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';
import type { MigrationDialect } from './index.js';

/**
 * Reviewer and admin accounts, their sessions and sign-in throttling (issue #6). Passwords are
 * kept as argon2id hashes; sessions by the SHA-256 of their id (the cookie value is never
 * stored); throttle rows by the SHA-256 of the username or address they count failures for.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const { id, big, pk } = columnTypes(dialect);

  await db.schema
    .createTable('users')
    .addColumn('id', id, pk)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('disabled_at', big)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('principal_kind', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('last_seen_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .execute();
  // Disabling a user ends all of their sessions.
  await db.schema.createIndex('sessions_principal').on('sessions').columns(['principal_kind', 'principal_id']).execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', big, (c) => c.notNull())
    .addColumn('locked_until', big)
    .execute();
}
