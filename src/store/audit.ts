import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { MigrationDialect } from './migrations/index.js';
import type { Database } from './schema.js';

/** What happened, by whom, to what. `details` carries ids and counts, never personal data. */
export interface AuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditEntry extends AuditEvent {
  readonly seq: number;
  readonly at: number;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Keys sorted at every level, so the hashed bytes do not depend on property order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, at: number, event: AuditEvent): string {
  const body = canonicalJson({ at, actor: event.actor, action: event.action, subjectType: event.subjectType, subjectId: event.subjectId, details: event.details ?? {} });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Audit rows per insert (8 bound parameters each: far within both databases' limits). */
const AUDIT_ROWS_PER_INSERT = 500;

/**
 * Appends events to the hash chain inside the caller's transaction. On PostgreSQL an advisory
 * lock serializes appenders across processes; SQLite has one writer at a time anyway.
 */
export async function appendAudit(trx: Transaction<Database>, dialect: MigrationDialect, at: number, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7461237)`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    const hash = entryHash(prev, at, event);
    const row = { at, actor: event.actor, action: event.action, subject_type: event.subjectType, subject_id: event.subjectId, details_json: canonicalJson(event.details ?? {}), prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  // Multi-row inserts keep the time under the chain's lock short; rows take their seq in VALUES order.
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) await trx.insertInto('audit_log').values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT)).execute();
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry whose link or content does not check out. */
  readonly brokenAt?: { readonly seq: number; readonly reason: string };
}

/** Walks the chain in order, in pages, recomputing every hash. */
export async function verifyAudit(db: Kysely<Database>, pageSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let after = 0;
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      entries++;
      if (row.prev_hash !== prev) return { ok: false, entries, brokenAt: { seq: row.seq, reason: 'link to the previous entry does not match' } };
      const details = JSON.parse(row.details_json) as AuditEvent['details'];
      const event: AuditEvent = { actor: row.actor, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, ...(details ? { details } : {}) };
      if (entryHash(prev, row.at, event) !== row.hash) return { ok: false, entries, brokenAt: { seq: row.seq, reason: 'entry content does not match its hash' } };
      prev = row.hash;
      after = row.seq;
    }
    if (rows.length < pageSize) return { ok: true, entries };
  }
}
