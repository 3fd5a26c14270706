import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.js';

/** Webhook endpoints and the delivery outbox (issue #5): owned by the webhooks work. */
export async function up(_db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {}
