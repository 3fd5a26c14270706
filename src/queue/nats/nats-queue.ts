import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, millis, nanos, type NatsConnection } from '@nats-io/transport-node';
import { encodePostMessage, subjectKeyOf, trackingIdOf } from '../message.js';
import { NotReplayableError, QueueUnavailableError, type DeadLetterQueue, type DeliverySource, type PostMessage, type PostQueue, type PublishedPost } from '../queue.js';
import { NatsDeadLetters } from './dead-letters.js';
import { NatsDeliverySource } from './deliveries.js';
import { DEFAULT_STREAM_PREFIX, describeNatsUrl, streamNames, type StreamNames } from './names.js';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_DUPLICATE_WINDOW_MS, ensureStreams } from './streams.js';

export interface NatsQueueConfig {
  /** nats://host:port (several comma-separated for a cluster). */
  readonly url: string;
  readonly prefix?: string;
  readonly duplicateWindowMs?: number;
  /** Workers set the consumer's ack wait; the server leaves it as it is. */
  readonly ackWaitMs?: number;
  /** Client name shown by the NATS server (serve, worker, cli). */
  readonly clientName: string;
  /** How long a JetStream request (publish, lookups) may take. */
  readonly timeoutMs?: number;
}

/** Any broker failure, as the error the edges know, with the broker's own message (never post data). */
async function viaNats<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof NotReplayableError || error instanceof QueueUnavailableError) throw error;
    throw new QueueUnavailableError(`${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Dead-letter operations with broker errors turned into QueueUnavailableError. */
class GuardedDeadLetters implements DeadLetterQueue {
  constructor(private readonly inner: DeadLetterQueue) {}
  list(afterSeq: number, limit: number) {
    return viaNats('listing dead letters', () => this.inner.list(afterSeq, limit));
  }
  find(trackingId: string) {
    return viaNats('looking up a dead letter', () => this.inner.find(trackingId));
  }
  replay(seq: number) {
    return viaNats('replaying a dead letter', () => this.inner.replay(seq));
  }
}

/**
 * The post queue on NATS JetStream: a work-queue stream of posts (de-duplicated by tracking id),
 * a dead-letter stream, and the durable pull consumer the workers share.
 */
export class NatsQueue implements PostQueue {
  readonly deadLetters: DeadLetterQueue;
  readonly description: string;
  private readonly js: JetStreamClient;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    readonly names: StreamNames,
    url: string,
  ) {
    this.js = jetstream(nc);
    this.deadLetters = new GuardedDeadLetters(new NatsDeadLetters(this.js, jsm, names));
    this.description = `${describeNatsUrl(url)} (streams ${names.posts}, ${names.dlq})`;
  }

  /** Connects (reconnecting for ever once connected) and ensures the streams and the consumer exist. */
  static async open(config: NatsQueueConfig): Promise<NatsQueue> {
    const names = streamNames(config.prefix ?? DEFAULT_STREAM_PREFIX);
    const nc = await viaNats(`connecting to NATS at ${describeNatsUrl(config.url)}`, () =>
      connect({ servers: config.url.split(','), name: config.clientName, maxReconnectAttempts: -1, reconnectTimeWait: 1000, timeout: config.timeoutMs ?? 5000 }),
    );
    try {
      const jsm = await viaNats('opening JetStream (is the server started with -js?)', () => jetstreamManager(nc, { timeout: config.timeoutMs ?? 5000 }));
      await viaNats('creating the streams', () => ensureStreams(jsm, names, { duplicateWindowMs: config.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS, ...(config.ackWaitMs === undefined ? {} : { ackWaitMs: config.ackWaitMs }) }));
      return new NatsQueue(nc, jsm, names, config.url);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  publish(messages: readonly PostMessage[]): Promise<PublishedPost[]> {
    return viaNats('publishing posts', () =>
      Promise.all(
        messages.map(async (message) => {
          const trackingId = trackingIdOf(message.post.source, message.post.id);
          const ack = await this.js.publish(this.names.postsSubject(subjectKeyOf(trackingId)), encodePostMessage(message), { msgID: trackingId });
          return { trackingId, duplicate: ack.duplicate };
        }),
      ),
    );
  }

  isQueued(trackingId: string): Promise<boolean> {
    return viaNats('looking up a queued post', async () => (await this.jsm.direct.getMessage(this.names.posts, { last_by_subj: this.names.postsSubject(subjectKeyOf(trackingId)) })) !== null);
  }

  async isReady(): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    try {
      await this.jsm.streams.info(this.names.posts);
      return true;
    } catch {
      return false;
    }
  }

  /** The workers' side: batches from the shared consumer. `expiresMs` bounds each fetch (at least 1 s). */
  async deliveries(expiresMs = 1000): Promise<DeliverySource> {
    const consumer = await viaNats('opening the consumer', () => this.js.consumers.get(this.names.posts, this.names.consumer));
    // The consumer's own ack wait (whoever set it last) decides how often deadlines are extended.
    const info = await viaNats('reading the consumer', () => consumer.info(true));
    return new NatsDeliverySource(consumer, this.js, this.names, millis(info.config.ack_wait ?? nanos(DEFAULT_ACK_WAIT_MS)), Math.max(1000, expiresMs));
  }

  /** Flushes acknowledgements and publishes still buffered, then closes the connection. */
  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    try {
      await this.nc.drain();
    } catch {
      await this.nc.close();
    }
  }
}
