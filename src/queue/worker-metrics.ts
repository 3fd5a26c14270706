import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WorkerEvents, WorkerOutcome } from './worker.js';

/** Prometheus metrics of one worker (its own registry): messages by outcome, batch time, database waits. */
export class WorkerMetrics implements WorkerEvents {
  readonly registry = new Registry();
  private readonly messages: Counter<'outcome'>;
  private readonly batches: Histogram;
  private readonly waiting: Gauge;
  private waits = 0;

  constructor(options: { processMetrics: boolean }) {
    const registers = [this.registry];
    this.messages = new Counter({ name: 'bulwark_worker_messages_total', help: 'Queued messages by outcome: stored, duplicate (stored before), retried (redelivery requested), dead_lettered', labelNames: ['outcome'], registers });
    this.batches = new Histogram({ name: 'bulwark_worker_batch_duration_seconds', help: 'Time to prepare, commit and acknowledge one batch', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers });
    this.waiting = new Gauge({ name: 'bulwark_worker_database_waiting', help: 'Batches held because the database is unavailable', registers });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'bulwark_worker_' });
  }

  onOutcome(outcome: WorkerOutcome, count: number): void {
    this.messages.inc({ outcome }, count);
  }

  onBatch(_messages: number, durationMs: number): void {
    this.batches.observe(durationMs / 1000);
  }

  onDatabaseWait(waiting: boolean): void {
    this.waits = Math.max(0, this.waits + (waiting ? 1 : -1));
    this.waiting.set(this.waits);
  }
}
