import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditEvent } from './audit.js';
import type { Store } from './store.js';

export interface ThrottleRule {
  /** Failures allowed within `windowMs` before sign-ins are refused. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long sign-ins stay refused once the limit is reached. */
  readonly lockMs: number;
}

/** What failures are counted against: a username (known or not) or a client address. */
export interface ThrottleKey {
  readonly kind: 'user' | 'ip';
  readonly value: string;
}

/** Stored as a hash: the table holds neither usernames nor addresses. */
const keyHash = (key: ThrottleKey): string => createHash('sha256').update(`${key.kind}:${key.value}`).digest('hex');

/** Epoch ms until which sign-ins for any of `keys` are refused; undefined when none is locked. */
export async function signInLockedUntil(store: Store, keys: readonly ThrottleKey[], now: number): Promise<number | undefined> {
  const rows = await store.db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', 'in', keys.map(keyHash))
    .where('locked_until', '>', now)
    .execute();
  const until = Math.max(...rows.map((r) => r.locked_until ?? 0));
  return rows.length === 0 ? undefined : until;
}

/**
 * Counts one failure against each key, atomically (an upsert, so concurrent servers neither lose
 * nor double a count), in the caller's audit transaction. A key reaching its limit within the
 * window is locked for `lockMs`; a failure after the window starts a new one.
 */
export async function recordSignInFailure(store: Store, failures: readonly { readonly key: ThrottleKey; readonly rule: ThrottleRule }[], now: number, audit: readonly AuditEvent[]): Promise<void> {
  await store.transaction('recording a failed sign-in', async (trx) => {
    for (const { key, rule } of failures) {
      const windowStart = now - rule.windowMs;
      const failures = sql<number>`case when sign_in_throttle.window_started_at <= ${windowStart} then 1 else sign_in_throttle.failures + 1 end`;
      await trx
        .insertInto('sign_in_throttle')
        .values({ key: keyHash(key), failures: 1, window_started_at: now, locked_until: rule.maxFailures <= 1 ? now + rule.lockMs : null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures,
            window_started_at: sql<number>`case when sign_in_throttle.window_started_at <= ${windowStart} then ${now} else sign_in_throttle.window_started_at end`,
            locked_until: sql<number | null>`case when ${failures} >= ${rule.maxFailures} then ${now + rule.lockMs} else sign_in_throttle.locked_until end`,
          }),
        )
        .execute();
    }
    await store.audit(trx, now, audit);
  });
}

/** A successful sign-in forgets the username's failures, and rows past their window and lock are dropped. */
export async function clearSignInFailures(store: Store, key: ThrottleKey, now: number, windowMs: number): Promise<void> {
  await store.db
    .deleteFrom('sign_in_throttle')
    .where((eb) =>
      eb.or([
        eb('key', '=', keyHash(key)),
        eb.and([eb('window_started_at', '<=', now - windowMs), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])]),
      ]),
    )
    .execute();
}
