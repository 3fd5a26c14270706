/** The NATS JetStream adapter of the post queue; nothing else imports NATS. */
export { NatsQueue, type NatsQueueConfig } from './nats-queue.js';
export { DEFAULT_STREAM_PREFIX, describeNatsUrl, streamNames, type StreamNames } from './names.js';
export { DEFAULT_ACK_WAIT_MS, DEFAULT_DUPLICATE_WINDOW_MS } from './streams.js';
