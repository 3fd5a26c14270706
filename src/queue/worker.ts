import { sql } from 'kysely';
import type { Ingestor } from '../ingest/ingest.js';
import { StoreUnavailableError } from '../store/database.js';
import type { IngestOutcome } from '../store/records.js';
import { isTransient } from '../store/retry.js';
import type { Store } from '../store/store.js';
import { decodePostMessage } from './message.js';
import type { DeadLetterFailure, Delivery, DeliverySource, PostMessage } from './queue.js';

export type WorkerOutcome = 'stored' | 'duplicate' | 'retried' | 'dead_lettered';

/** Hooks for metrics; each is optional. */
export interface WorkerEvents {
  onOutcome?(outcome: WorkerOutcome, count: number): void;
  onBatch?(messages: number, durationMs: number): void;
  onDatabaseWait?(waiting: boolean): void;
}

/** Structured log lines: ids and counts only, never post text. */
export type WorkerLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;

export interface PostWorkerOptions {
  readonly source: DeliverySource;
  readonly ingestor: Ingestor;
  readonly store: Store;
  /** Messages pulled and committed together (at most MAX_BATCH). */
  readonly batchSize?: number;
  /** Batches processed at once by this worker; each is pulled only when the previous one of its lane is done. */
  readonly inFlight?: number;
  /** A message that fails on its own this many deliveries goes to the dead letters. */
  readonly maxDeliver?: number;
  /** Redelivery delay after the n-th failed delivery. */
  readonly nakDelayMs?: (deliveryCount: number) => number;
  /** Backoff while the database is unavailable: base, doubling up to the cap. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly log?: WorkerLog;
  readonly events?: WorkerEvents;
}

interface Item {
  readonly delivery: Delivery;
  readonly message: PostMessage;
  readonly trackingId: string;
}

const defaultNakDelay = (deliveryCount: number): number => Math.min(30_000, 1000 * 2 ** (deliveryCount - 1));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Error name and first line of its message, clipped: what an operator needs, nothing of the post. */
export function describeFailure(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const firstLine = (e.message.split('\n')[0] ?? '').replace(/\p{Cc}/gu, ' ');
  return `${e.name}: ${firstLine}`.slice(0, 300);
}

const errorFields = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return { errorName: error instanceof Error ? error.name : typeof error, ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: String(code) } : {}) };
};

/**
 * Pulls posts from the queue and stores them through the ingest pipeline: a batch is prepared
 * and committed in one transaction, then every message of it is acknowledged. Writes are
 * idempotent by (source, id), so a redelivery changes nothing. A database outage holds the batch
 * (ack deadlines extended) until the database is back; only a message that fails on its own, with
 * the database answering, counts towards the dead letters.
 */
export class PostWorker {
  private readonly batchSize: number;
  private readonly inFlight: number;
  private readonly maxDeliver: number;
  private readonly nakDelay: (deliveryCount: number) => number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly log: WorkerLog;
  private readonly events: WorkerEvents;
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  private running: Promise<void> | undefined;

  constructor(private readonly options: PostWorkerOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.inFlight = options.inFlight ?? 1;
    this.maxDeliver = options.maxDeliver ?? 5;
    this.nakDelay = options.nakDelayMs ?? defaultNakDelay;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 15_000;
    this.log = options.log ?? (() => undefined);
    this.events = options.events ?? {};
  }

  /** Starts pulling; the promise settles once stop() was called and the batches in flight are done. */
  run(): Promise<void> {
    this.running ??= Promise.all(Array.from({ length: this.inFlight }, (_, lane) => this.lane(lane))).then(() => undefined);
    return this.running;
  }

  /** Stops pulling new batches; those in flight are finished and acknowledged. */
  stop(): void {
    this.stopping = true;
    for (const wake of this.wakers) wake();
  }

  private async lane(lane: number): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let batch: Delivery[];
      try {
        batch = await this.options.source.fetch(this.batchSize);
        failures = 0;
      } catch (error) {
        failures++;
        const retryInMs = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (failures - 1));
        this.log('warn', 'pulling from the queue failed; retrying', { lane, attempt: failures, retryInMs, ...errorFields(error) });
        await this.pause(retryInMs);
        continue;
      }
      if (batch.length === 0) continue;
      const started = Date.now();
      try {
        await this.process(batch);
      } catch (error) {
        // A bug, not a message's fault: the unacknowledged messages come back after the ack wait.
        this.log('error', 'processing a batch failed unexpectedly', { lane, messages: batch.length, ...errorFields(error) });
      }
      this.events.onBatch?.(batch.length, Date.now() - started);
    }
  }

  /** Waits, unless stop() comes first. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
      if (this.stopping) done();
    });
  }

  private async process(batch: readonly Delivery[]): Promise<void> {
    const items: Item[] = [];
    for (const delivery of batch) {
      const decoded = decodePostMessage(delivery.data);
      if (decoded.ok) items.push({ delivery, message: decoded.message, trackingId: decoded.trackingId });
      else await this.deadLetter(delivery, { reason: decoded.reason });
    }
    if (items.length === 0) return;
    const heartbeat = setInterval(
      () => {
        for (const item of items) item.delivery.working();
      },
      Math.max(500, Math.floor(this.options.source.ackWaitMs / 3)),
    );
    try {
      try {
        this.settle(items, await this.commit(items));
      } catch (error) {
        if (items.length === 1) return await this.fail(items[0] as Item, error);
        // One poison message must not stall the others: try each alone.
        this.log('warn', 'batch failed; retrying its messages one by one', { messages: items.length, ...errorFields(error) });
        for (const item of items) {
          try {
            this.settle([item], await this.commit([item]));
          } catch (itemError) {
            await this.fail(item, itemError);
          }
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private settle(items: readonly Item[], outcomes: readonly IngestOutcome[]): void {
    for (const item of items) item.delivery.ack();
    const stored = outcomes.filter((o) => o.status === 'stored').length;
    if (stored > 0) this.events.onOutcome?.('stored', stored);
    if (outcomes.length - stored > 0) this.events.onOutcome?.('duplicate', outcomes.length - stored);
  }

  /** Prepares and stores the items, waiting out database outages; throws only errors that are the messages' own. */
  private async commit(items: readonly Item[]): Promise<IngestOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.save(items);
        if (attempt > 1) {
          this.events.onDatabaseWait?.(false);
          this.log('info', 'database available again; batch committed', { messages: items.length, attempts: attempt });
        }
        return outcomes;
      } catch (error) {
        if (!(await this.databaseUnavailable(error))) {
          if (attempt > 1) this.events.onDatabaseWait?.(false);
          throw error;
        }
        if (attempt === 1) this.events.onDatabaseWait?.(true);
        const retryInMs = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1));
        this.log('warn', 'database unavailable; holding the batch and retrying', { messages: items.length, attempt, retryInMs, ...errorFields(error) });
        await sleep(retryInMs);
      }
    }
  }

  /** One transaction per publisher in the batch, so the audit log names who sent each post. */
  private async save(items: readonly Item[]): Promise<IngestOutcome[]> {
    const byActor = new Map<string, PostMessage[]>();
    for (const { message } of items) byActor.set(message.actor, [...(byActor.get(message.actor) ?? []), message]);
    const outcomes: IngestOutcome[] = [];
    for (const [actor, messages] of byActor) {
      const { prepared, rejected, now } = await this.options.ingestor.prepare(messages.map((m) => m.post));
      if (rejected.length > 0) throw new Error(`the ingest pipeline rejected a post: ${rejected[0]?.reason ?? ''}`);
      outcomes.push(...(await this.options.store.saveBatch(prepared, [], now, actor)));
    }
    return outcomes;
  }

  /** Transient by its code, or the database does not answer a trivial query right now. */
  private async databaseUnavailable(error: unknown): Promise<boolean> {
    if (isTransient(error) || error instanceof StoreUnavailableError) return true;
    try {
      await sql`select 1`.execute(this.options.store.db);
      return false;
    } catch {
      return true;
    }
  }

  private async fail(item: Item, error: unknown): Promise<void> {
    const { delivery } = item;
    if (delivery.deliveryCount >= this.maxDeliver) {
      await this.deadLetter(delivery, { reason: describeFailure(error), trackingId: item.trackingId });
      return;
    }
    const retryInMs = this.nakDelay(delivery.deliveryCount);
    delivery.nak(retryInMs);
    this.events.onOutcome?.('retried', 1);
    this.log('warn', 'message failed; redelivery requested', { streamSeq: delivery.streamSeq, deliveryCount: delivery.deliveryCount, retryInMs, ...errorFields(error) });
  }

  private async deadLetter(delivery: Delivery, failure: DeadLetterFailure): Promise<void> {
    try {
      await delivery.deadLetter(failure);
      this.events.onOutcome?.('dead_lettered', 1);
      this.log('warn', 'message dead-lettered', { streamSeq: delivery.streamSeq, deliveryCount: delivery.deliveryCount, ...(failure.trackingId === undefined ? {} : { trackingId: failure.trackingId }) });
    } catch (error) {
      // Left unacknowledged: it comes back after the ack wait and is dead-lettered then.
      this.log('error', 'dead-lettering failed; the message will be redelivered', { streamSeq: delivery.streamSeq, ...errorFields(error) });
    }
  }
}
