import type { AuditEntry } from './audit.js';
import type { Store } from './store.js';

/** Audit entries in chain order, from just after `afterSeq`; `details` carry ids and counts only. */
export async function listAuditEntries(store: Store, options: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(Math.min(1000, options.limit ?? 100))
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: JSON.parse(r.details_json) as AuditEntry['details'],
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The newest entry: record its hash elsewhere to detect truncation of the log. */
export async function auditHead(store: Store): Promise<{ seq: number; hash: string } | undefined> {
  return store.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}
