import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.js';

/** API keys (issue #5): owned by the HTTP/API-keys work. */
export async function up(_db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {}
