import { NatsQueue } from '../queue/nats/mod.js';
import type { DeadLetter, ReplayedDeadLetter } from '../queue/queue.js';
import { replayDeadLetter } from '../queue/replay.js';
import { Store } from '../store/store.js';
import { actorOf, type StoreOptions } from './context.js';
import { renderTable } from './table.js';
import { queueSettings, type QueueOptions } from './worker.js';
import type { Output } from './watchlist.js';

export type DlqOptions = StoreOptions & QueueOptions;

async function withQueue<T>(options: DlqOptions, fn: (queue: NatsQueue) => Promise<T>): Promise<T> {
  const settings = queueSettings(options);
  if (settings === undefined) throw new Error('--queue nats://… is required (or set BULWARK_QUEUE)');
  const queue = await NatsQueue.open({ url: settings.url, prefix: settings.streamPrefix, duplicateWindowMs: settings.duplicateWindowMs, clientName: 'bulwark-cli' });
  try {
    return await fn(queue);
  } finally {
    await queue.close();
  }
}

/** `bulwark dlq list`: dead letters with ids and reasons, never post text. */
export async function dlqList(options: DlqOptions & { json?: boolean; after?: string; limit: string }, out: Output): Promise<DeadLetter[]> {
  const limit = Number(options.limit);
  const after = Number(options.after ?? '0');
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`--limit must be a positive whole number, got "${options.limit}"`);
  if (!Number.isSafeInteger(after) || after < 0) throw new Error(`--after must be a dead-letter sequence, got "${options.after ?? ''}"`);
  const items = await withQueue(options, (queue) => queue.deadLetters.list(after, limit));
  if (options.json === true) out(JSON.stringify(items));
  else if (items.length === 0) out('no dead letters');
  else out(renderTable(['seq', 'failed at', 'deliveries', 'source', 'id', 'reason'], items.map((d) => [String(d.seq), new Date(d.failedAt).toISOString(), String(d.deliveries), d.source ?? '-', d.id ?? '-', d.reason])));
  return items;
}

/**
 * `bulwark dlq replay <seq>` / `--all`: back to the work queue (fix the cause first), each replay
 * audited. Returns the replayed dead letters; a malformed one is reported and skipped.
 */
export async function dlqReplay(options: DlqOptions & { all?: boolean }, seq: string | undefined, out: Output, err: Output): Promise<{ replayed: ReplayedDeadLetter[]; failed: number }> {
  if ((seq === undefined) === (options.all !== true)) throw new Error('name one dead-letter sequence, or pass --all');
  if (seq !== undefined && !/^[1-9]\d{0,15}$/.test(seq)) throw new Error(`"${seq}" is not a dead-letter sequence (see dlq list)`);
  const store = await Store.open(options.db);
  try {
    return await withQueue(options, async (queue) => {
      const replayed: ReplayedDeadLetter[] = [];
      let failed = 0;
      const replayOne = async (n: number) => {
        try {
          const r = await replayDeadLetter(queue.deadLetters, store, n, actorOf(options), Date.now());
          if (r === undefined) {
            err(`bulwark dlq replay: there is no dead letter ${n}`);
            failed++;
            return;
          }
          replayed.push(r);
          out(`replayed ${n}: ${r.source} ${r.id} (tracking id ${r.trackingId})`);
        } catch (error) {
          err(`bulwark dlq replay: ${n}: ${(error as Error).message}`);
          failed++;
        }
      };
      if (seq !== undefined) await replayOne(Number(seq));
      else {
        // Those present now: a replay that fails again comes back later and must not loop.
        const seqs: number[] = [];
        for (let page = await queue.deadLetters.list(0, 500); page.length > 0; page = await queue.deadLetters.list(page.at(-1)?.seq ?? 0, 500)) seqs.push(...page.map((d) => d.seq));
        for (const n of seqs) await replayOne(n);
      }
      return { replayed, failed };
    });
  } finally {
    await store.close();
  }
}
