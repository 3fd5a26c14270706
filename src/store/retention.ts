import type { Store } from './store.js';

/** Parses a retention period such as `90d`, `12h`, `30m`; throws with what is accepted. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,6})([dhm])$/.exec(text.trim());
  if (!m) throw new RangeError(`invalid duration "${text}": use a number followed by d (days), h (hours) or m (minutes), e.g. 90d`);
  const n = Number(m[1]);
  const unit = m[2] === 'd' ? 86_400_000 : m[2] === 'h' ? 3_600_000 : 60_000;
  return n * unit;
}

/**
 * Deletes the text of posts received before `now - olderThanMs`. Decisions, assessments,
 * finding hashes, campaigns and the audit trail stay.
 */
export async function purgePostText(store: Store, olderThanMs: number, now: number, actor: string): Promise<number> {
  const cutoff = now - olderThanMs;
  return store.transaction('purging post text', async (trx) => {
    const result = await trx.updateTable('posts').set({ text: null, purged_at: now }).where('received_at', '<', cutoff).where('text', 'is not', null).executeTakeFirst();
    const purged = Number(result.numUpdatedRows);
    await store.audit(trx, now, [{ actor, action: 'posts.purged', subjectType: 'posts', subjectId: `received-before:${cutoff}`, details: { purged, olderThanMs } }]);
    return purged;
  });
}
