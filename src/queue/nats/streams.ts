import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { StreamNames } from './names.js';

export interface StreamSettings {
  /** Re-publishing a post within this window is dropped by JetStream (client retries). */
  readonly duplicateWindowMs: number;
  /**
   * A delivery not acknowledged (or extended) within this time is sent again. Workers set it;
   * absent (the server), an existing consumer keeps its own and a new one gets the default.
   */
  readonly ackWaitMs?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 60_000;
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** Unacknowledged deliveries across all workers, a bound on work in flight. */
const MAX_ACK_PENDING = 10_000;

const isNotFound = (error: unknown) => /not found/i.test((error as Error).message ?? '');

/**
 * Creates the posts stream, the dead-letter stream and the shared durable consumer, or brings
 * their settings up to date: every process may call it at start, in any order.
 */
export async function ensureStreams(jsm: JetStreamManager, names: StreamNames, settings: StreamSettings): Promise<void> {
  await ensureStream(jsm, names.posts, {
    subjects: [names.postsFilter],
    // Work queue: a message leaves the stream once a worker acknowledges it.
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(settings.duplicateWindowMs),
    allow_direct: true,
  });
  await ensureStream(jsm, names.dlq, {
    subjects: [names.dlqFilter],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(settings.duplicateWindowMs),
    allow_direct: true,
  });
  const consumer = {
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(settings.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    // Unlimited here: the worker decides when a failing message is dead-lettered, so that
    // redeliveries caused by crashes or outages never silently strand a message.
    max_deliver: -1,
    max_ack_pending: MAX_ACK_PENDING,
    filter_subject: names.postsFilter,
  };
  try {
    await jsm.consumers.info(names.posts, names.consumer);
    if (settings.ackWaitMs !== undefined) await jsm.consumers.update(names.posts, names.consumer, consumer);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(names.posts, { ...consumer, durable_name: names.consumer, deliver_policy: DeliverPolicy.All });
  }
}

async function ensureStream(jsm: JetStreamManager, name: string, config: Parameters<JetStreamManager['streams']['update']>[1] & { retention: RetentionPolicy; storage: StorageType }): Promise<void> {
  try {
    const info = await jsm.streams.info(name);
    if (info.config.duplicate_window !== config.duplicate_window) await jsm.streams.update(name, { ...info.config, duplicate_window: config.duplicate_window });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await jsm.streams.add({ name, ...config });
    } catch (addError) {
      // Another process created it a moment ago.
      if (!/already in use/i.test((addError as Error).message)) throw addError;
    }
  }
}
