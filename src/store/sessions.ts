import type { Selectable } from 'kysely';
import type { AuditEvent } from './audit.js';
import type { SessionsTable } from './schema.js';
import type { Store } from './store.js';

export type SessionPrincipalKind = 'user' | 'api-key';

export interface SessionRecord {
  /** SHA-256 (hex) of the session id. */
  readonly idHash: string;
  readonly principalKind: SessionPrincipalKind;
  readonly principalId: string;
  readonly role: 'reviewer' | 'admin';
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

const toRecord = (r: Selectable<SessionsTable>): SessionRecord => ({
  idHash: r.id_hash,
  principalKind: r.principal_kind === 'api-key' ? 'api-key' : 'user',
  principalId: r.principal_id,
  role: r.role === 'admin' ? 'admin' : 'reviewer',
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** The audit subject of a session: who it acts as (never the session id or its hash). */
const subjectOf = (s: Pick<SessionRecord, 'principalKind' | 'principalId'>) => ({ subjectType: s.principalKind === 'user' ? 'user' : 'api_key', subjectId: s.principalId });

/**
 * Stores a new session and audits the sign-in in one transaction. Sessions past their absolute
 * end or idle for longer than `idleMs` are deleted on the way, so the table stays small.
 */
export async function createSession(store: Store, session: SessionRecord, idleMs: number, actor: string, via: 'password' | 'api_key'): Promise<void> {
  const now = session.createdAt;
  await store.transaction('opening a session', async (trx) => {
    await trx
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        principal_kind: session.principalKind,
        principal_id: session.principalId,
        role: session.role,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
    await store.audit(trx, now, [{ actor, action: 'session.signed_in', ...subjectOf(session), details: { via, role: session.role } }]);
  });
}

export async function findSession(store: Store, idHash: string): Promise<SessionRecord | undefined> {
  const row = await store.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

/** Records activity (never moving it backwards). */
export async function touchSession(store: Store, idHash: string, now: number): Promise<void> {
  await store.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).where('last_seen_at', '<', now).execute();
}

/** Deletes a session that timed out or whose principal is gone; nothing to audit. */
export async function dropSession(store: Store, idHash: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Signs out: deletes the session and audits it, in one transaction; false when it was already gone. */
export async function endSession(store: Store, session: SessionRecord, now: number, actor: string): Promise<boolean> {
  return store.transaction('ending a session', async (trx) => {
    const deleted = await trx.deleteFrom('sessions').where('id_hash', '=', session.idHash).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    const event: AuditEvent = { actor, action: 'session.signed_out', ...subjectOf(session) };
    await store.audit(trx, now, [event]);
    return true;
  });
}
