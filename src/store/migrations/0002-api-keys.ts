import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';
import type { MigrationDialect } from './index.js';

/**
 * API keys of the HTTP API. Only an HMAC of each secret is stored, with the id of the server
 * hash key it was made under; `roles` is a comma-separated subset of ingest, reviewer, admin.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const { big } = columnTypes(dialect);
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('hash_key_id', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('rate_limit', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('revoked_at', big)
    .execute();
}
