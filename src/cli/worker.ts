import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { MAX_BATCH } from '../ingest/ingest.js';
import { readPolicyFile } from '../policy-file.js';
import { DEFAULT_STREAM_PREFIX } from '../queue/nats/mod.js';
import { startWorker } from '../start/worker.js';
import { parseDuration } from '../store/retention.js';
import type { StoreOptions } from './context.js';
import type { Output } from './watchlist.js';

/** Options every command that talks to the queue shares. */
export interface QueueOptions {
  /** nats://host:port (env BULWARK_QUEUE). */
  readonly queue?: string | undefined;
  readonly streamPrefix: string;
  readonly duplicateWindow: string;
}

export const DEFAULT_QUEUE = process.env.BULWARK_QUEUE;
export const DEFAULT_PREFIX = process.env.BULWARK_NATS_PREFIX ?? DEFAULT_STREAM_PREFIX;

const wholeNumber = (name: string, value: string, min: number, max: number): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
};

/** The queue settings of `serve --queue` and `worker`; undefined when no queue URL was given. */
export function queueSettings(options: QueueOptions): { url: string; streamPrefix: string; duplicateWindowMs: number } | undefined {
  if (options.queue === undefined || options.queue === '') return undefined;
  if (!/^(?:nats|tls):\/\//.test(options.queue)) throw new Error(`--queue must be a nats:// URL, got "${options.queue}"`);
  return { url: options.queue, streamPrefix: options.streamPrefix, duplicateWindowMs: parseDuration(options.duplicateWindow) };
}

export interface WorkerOptions extends Pick<StoreOptions, 'db' | 'keyFile'>, QueueOptions {
  readonly policy?: string;
  readonly batch: string;
  readonly inFlight: string;
  readonly maxDeliver: string;
  readonly ackWait: string;
  readonly metricsPort?: string;
  readonly metricsHost: string;
}

/** `bulwark worker`: stores queued posts until SIGTERM or SIGINT, then finishes the batch in flight and stops. */
export async function worker(options: WorkerOptions, err: Output): Promise<void> {
  const queue = queueSettings(options);
  if (queue === undefined) throw new Error('--queue nats://… is required (or set BULWARK_QUEUE)');
  const running = await startWorker({
    db: options.db,
    keyFile: options.keyFile,
    queueUrl: queue.url,
    streamPrefix: queue.streamPrefix,
    duplicateWindowMs: queue.duplicateWindowMs,
    ackWaitMs: wholeNumber('ack-wait', options.ackWait, 5, 3600) * 1000,
    policy: options.policy === undefined ? DEFAULT_POLICY : readPolicyFile(options.policy),
    batchSize: wholeNumber('batch', options.batch, 1, MAX_BATCH),
    inFlight: wholeNumber('in-flight', options.inFlight, 1, 64),
    maxDeliver: wholeNumber('max-deliver', options.maxDeliver, 1, 1000),
    ...(options.metricsPort === undefined ? {} : { metricsPort: wholeNumber('metrics-port', options.metricsPort, 0, 65535), metricsHost: options.metricsHost }),
    processMetrics: true,
    notify: (line) => err(`bulwark worker: ${line}`),
  });
  await running.closed;
}
