import type { Store } from '../store/store.js';
import type { DeadLetterQueue, ReplayedDeadLetter } from './queue.js';

/** Replays one dead letter to the work queue and records who did it in the audit log. */
export async function replayDeadLetter(deadLetters: DeadLetterQueue, store: Store, seq: number, actor: string, now: number): Promise<ReplayedDeadLetter | undefined> {
  const replayed = await deadLetters.replay(seq);
  if (replayed === undefined) return undefined;
  await store.transaction('recording a dead-letter replay', (trx) =>
    store.audit(trx, now, [{ actor, action: 'dead_letter.replayed', subjectType: 'post', subjectId: replayed.trackingId, details: { deadLetterSeq: seq, source: replayed.source, id: replayed.id } }]),
  );
  return replayed;
}
