import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';
import type { MigrationDialect } from './index.js';

/**
 * Review locks (issue #6): `cases.locked_until` says until when `cases.assignee` holds the case.
 * Indexes for a case's history (audit entries by subject) and for decided cases by time (stats).
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const { big } = columnTypes(dialect);
  await db.schema.alterTable('cases').addColumn('locked_until', big).execute();
  await db.schema.createIndex('cases_decided_at').on('cases').column('decided_at').execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'seq']).execute();
}
