import type { IncomingPost } from '../store/records.js';

/**
 * The narrow face of the post queue that the HTTP server and the CLI see: no broker types
 * leak past it. The NATS JetStream adapter (./nats/) implements it.
 */

/** What a queued message carries: the validated post and when it was received and published. */
export interface PostMessage {
  readonly post: IncomingPost;
  /** Epoch ms when the platform (or, by default, the server) received the post. */
  readonly receivedAt: number;
  /** Epoch ms when the server published it. */
  readonly publishedAt: number;
  /** Who published it (an API key reference), recorded in the audit log by the worker. */
  readonly actor: string;
}

export interface PublishedPost {
  readonly trackingId: string;
  /** The broker had already seen this post within its de-duplication window. */
  readonly duplicate: boolean;
}

export interface PostPublisher {
  /** Publishes each post once (the broker de-duplicates by source + id); order of the result follows the input. */
  publish(messages: readonly PostMessage[]): Promise<PublishedPost[]>;
}

/** A message that failed for good, as listed to operators: ids and the reason, never the post text. */
export interface DeadLetter {
  /** Sequence in the dead-letter stream: the handle for replay. */
  readonly seq: number;
  /** Null when the message was malformed and its post cannot be known. */
  readonly trackingId: string | null;
  readonly source: string | null;
  readonly id: string | null;
  readonly reason: string;
  readonly deliveries: number;
  readonly failedAt: number;
}

export interface ReplayedDeadLetter {
  readonly seq: number;
  readonly trackingId: string;
  readonly source: string;
  readonly id: string;
}

export interface DeadLetterQueue {
  /** Oldest first, after the given sequence. */
  list(afterSeq: number, limit: number): Promise<DeadLetter[]>;
  /** The latest dead letter of one post. */
  find(trackingId: string): Promise<DeadLetter | undefined>;
  /**
   * Publishes the message to the work queue again (under a message id that escapes the
   * de-duplication window) and removes it from the dead letters. Undefined: no such sequence.
   */
  replay(seq: number): Promise<ReplayedDeadLetter | undefined>;
}

/** The queue as the server uses it. */
export interface PostQueue extends PostPublisher {
  readonly deadLetters: DeadLetterQueue;
  /** The post is waiting in (or being processed from) the work queue. */
  isQueued(trackingId: string): Promise<boolean>;
  /** The broker answers and the streams exist. */
  isReady(): Promise<boolean>;
  /** Describes the broker for messages (no credentials). */
  readonly description: string;
  close(): Promise<void>;
}

/** The broker cannot be reached or refused the request; nothing was changed that a retry would not fix. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code = 'QUEUE_UNAVAILABLE';
}

/** A dead letter whose message is not a post (malformed): replaying it would fail again. */
export class NotReplayableError extends Error {
  override readonly name = 'NotReplayableError';
  readonly code = 'DEAD_LETTER_NOT_REPLAYABLE';
}

/** One delivery of a queued message to a worker. */
export interface Delivery {
  readonly data: Uint8Array;
  /** 1 on the first delivery; counts redeliveries after a nak or an ack timeout. */
  readonly deliveryCount: number;
  /** Position in the work queue, stable across redeliveries. */
  readonly streamSeq: number;
  ack(): void;
  /** Asks for redelivery after `delayMs`. */
  nak(delayMs: number): void;
  /** Still being processed: resets the ack deadline. */
  working(): void;
  /** Copies the message to the dead letters with the reason, then removes it from the work queue. */
  deadLetter(failure: DeadLetterFailure): Promise<void>;
}

export interface DeadLetterFailure {
  /** Error name and message, or what is malformed; never post text. */
  readonly reason: string;
  /** Known when the message could be read. */
  readonly trackingId?: string;
}

/** Where a worker pulls its batches from. */
export interface DeliverySource {
  /** Up to `max` messages; returns within the broker's fetch expiry, possibly with none. */
  fetch(max: number): Promise<Delivery[]>;
  /** How long a delivery may stay unacknowledged before the broker sends it again. */
  readonly ackWaitMs: number;
}
