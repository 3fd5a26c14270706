import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';
import type { MigrationDialect } from './index.js';

/** The first schema. One definition for both dialects; only the id and integer types differ. */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const { id, big, pk, ref } = columnTypes(dialect);

  await db.schema
    .createTable('posts')
    .addColumn('id', id, pk)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('author_ref', 'text')
    .addColumn('text', 'text')
    .addColumn('text_length', 'integer', (c) => c.notNull())
    .addColumn('received_at', big, (c) => c.notNull())
    .addColumn('stored_at', big, (c) => c.notNull())
    .addColumn('purged_at', big)
    .addUniqueConstraint('posts_source_external_id', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('posts_received_at').on('posts').column('received_at').execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', id, pk)
    .addColumn('post_id', ref, (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('dox_score', 'real', (c) => c.notNull())
    .addColumn('threat_score', 'real', (c) => c.notNull())
    .addColumn('bounty_score', 'real', (c) => c.notNull())
    .addColumn('flagged', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addUniqueConstraint('assessments_post_version', ['post_id', 'engine_version', 'policy_version'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', id, pk)
    .addColumn('post_id', ref, (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('subtype', 'text')
    .addColumn('owner', 'text')
    .addColumn('value_hash', 'text')
    .execute();
  await db.schema.createIndex('findings_post').on('findings').column('post_id').execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', id, pk)
    .addColumn('first_seen', big, (c) => c.notNull())
    .addColumn('last_seen', big, (c) => c.notNull())
    .addColumn('post_count', 'integer', (c) => c.notNull())
    .addColumn('author_count', 'integer', (c) => c.notNull())
    .addColumn('channel_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_last_seen').on('campaigns').column('last_seen').execute();

  await db.schema
    .createTable('campaign_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('campaign_posts')
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('post_id', ref, (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('author_ref', 'text')
    .addColumn('channel', 'text')
    .addColumn('received_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_posts_pk', ['campaign_id', 'post_id'])
    .execute();
  await db.schema.createIndex('campaign_posts_post').on('campaign_posts').column('post_id').execute();
  for (const table of ['campaign_authors', 'campaign_channels']) {
    await db.schema
      .createTable(table)
      .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('member', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['campaign_id', 'member'])
      .execute();
  }

  await db.schema
    .createTable('cases')
    .addColumn('id', id, pk)
    .addColumn('post_id', ref, (c) => c.notNull().unique().references('posts.id').onDelete('cascade'))
    .addColumn('campaign_id', ref, (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('recommended_action', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('due_at', big, (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('decided_at', big)
    .execute();
  await db.schema.createIndex('cases_queue').on('cases').columns(['status', 'severity_rank', 'created_at']).execute();
  await db.schema.createIndex('cases_campaign').on('cases').column('campaign_id').execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', id, pk)
    .addColumn('case_id', ref, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_case').on('decisions').column('case_id').execute();

  await db.schema
    .createTable('watchlist_persons')
    .addColumn('id', id, pk)
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('removed_at', big)
    .execute();

  await db.schema
    .createTable('watchlist_identifiers')
    .addColumn('id', id, pk)
    .addColumn('person_id', ref, (c) => c.notNull().references('watchlist_persons.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('watchlist_identifiers_unique', ['person_id', 'field', 'key_id', 'hash'])
    .execute();
  await db.schema.createIndex('watchlist_identifiers_hash').on('watchlist_identifiers').column('hash').execute();

  await db.schema
    .createTable('watchlist_hits')
    .addColumn('id', id, pk)
    .addColumn('post_id', ref, (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('person_id', ref, (c) => c.notNull().references('watchlist_persons.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watchlist_hits_post').on('watchlist_hits').column('post_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', id, pk)
    .addColumn('at', big, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('rejected_posts')
    .addColumn('id', id, pk)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', big, (c) => c.notNull())
    .execute();

  // The audit log is append-only: the database itself refuses edits and deletions.
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION bulwark_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION bulwark_audit_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}
