import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';
import type { MigrationDialect } from './index.js';

/**
 * Webhook endpoints and the delivery outbox (issue #5). Endpoints keep no signing secret, only
 * the server key id and the salt it is derived from. Deliveries are written in the transaction of
 * the change that causes them and stay until delivered or dead.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const { id, big, pk, ref } = columnTypes(dialect);

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', id, pk)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('secret_key_id', 'text', (c) => c.notNull())
    .addColumn('secret_salt', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('disabled_at', big)
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', id, pk)
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', ref, (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', big, (c) => c.notNull())
    .addColumn('last_attempt_at', big)
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('delivered_at', big)
    .addUniqueConstraint('webhook_deliveries_event_endpoint', ['event_id', 'endpoint_id'])
    .execute();
  // The dispatcher's claim reads only deliveries still to send, oldest due first.
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .column('next_attempt_at')
    .where(sql.ref('status'), 'in', [sql.lit('pending'), sql.lit('failed')])
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_status').on('webhook_deliveries').columns(['status', 'id']).execute();
}
