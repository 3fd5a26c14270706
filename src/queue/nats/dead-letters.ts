import type { JetStreamClient, JetStreamManager, JsMsg, StoredMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { decodePostMessage, parseTrackingId, subjectKeyOf } from '../message.js';
import { NotReplayableError, type DeadLetter, type DeadLetterFailure, type DeadLetterQueue, type ReplayedDeadLetter } from '../queue.js';
import type { StreamNames } from './names.js';

/** Headers of a dead letter: ids, counts and the reason; the body is the original message. */
const H = {
  reason: 'Bulwark-Reason',
  deliveries: 'Bulwark-Deliveries',
  failedAt: 'Bulwark-Failed-At',
  trackingId: 'Bulwark-Tracking-Id',
  originalMsgId: 'Bulwark-Original-Msg-Id',
  streamSeq: 'Bulwark-Stream-Seq',
  replayOf: 'Bulwark-Replay-Of',
} as const;

/** Header values are one line of printable text. */
const headerValue = (s: string, max = 300): string => s.replace(/\p{Cc}/gu, ' ').slice(0, max);

/**
 * Copies a failed delivery to the dead-letter stream, then terminates it on the work queue. The
 * copy's message id is stable across redeliveries, so a crash between the two steps leaves one
 * dead letter, not two.
 */
export async function publishDeadLetter(js: JetStreamClient, names: StreamNames, msg: JsMsg, failure: DeadLetterFailure, now: number): Promise<void> {
  const h = headers();
  h.set(H.reason, headerValue(failure.reason));
  h.set(H.deliveries, String(msg.info.deliveryCount));
  h.set(H.failedAt, String(now));
  h.set(H.streamSeq, String(msg.seq));
  const original = msg.headers?.get('Nats-Msg-Id');
  if (original) h.set(H.originalMsgId, headerValue(original, 8192));
  if (failure.trackingId !== undefined) h.set(H.trackingId, failure.trackingId);
  const key = failure.trackingId === undefined ? (names.keyOf(msg.subject) ?? 'malformed') : subjectKeyOf(failure.trackingId);
  await js.publish(names.dlqSubject(key), msg.data, { msgID: `dead:${names.posts}:${msg.seq}`, headers: h });
  msg.term();
}

function toDeadLetter(m: StoredMsg): DeadLetter {
  const trackingId = m.header.get(H.trackingId) || null;
  const post = trackingId === null ? undefined : parseTrackingId(trackingId);
  const failedAt = Number(m.header.get(H.failedAt));
  return {
    seq: m.seq,
    trackingId,
    source: post?.source ?? null,
    id: post?.id ?? null,
    reason: m.header.get(H.reason) || 'unknown',
    deliveries: Number(m.header.get(H.deliveries)) || 0,
    failedAt: Number.isFinite(failedAt) && failedAt > 0 ? failedAt : m.time.getTime(),
  };
}

/** Dead letters in their own stream: listed and looked up by direct get, replayed to the work queue. */
export class NatsDeadLetters implements DeadLetterQueue {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: StreamNames,
  ) {}

  async list(afterSeq: number, limit: number): Promise<DeadLetter[]> {
    const items: DeadLetter[] = [];
    let seq = afterSeq + 1;
    while (items.length < limit) {
      // next_by_subj skips the gaps that replays leave.
      const m = await this.jsm.direct.getMessage(this.names.dlq, { seq, next_by_subj: this.names.dlqFilter });
      if (m === null) break;
      items.push(toDeadLetter(m));
      seq = m.seq + 1;
    }
    return items;
  }

  async find(trackingId: string): Promise<DeadLetter | undefined> {
    const m = await this.jsm.direct.getMessage(this.names.dlq, { last_by_subj: this.names.dlqSubject(subjectKeyOf(trackingId)) });
    return m === null || m.header.get(H.trackingId) !== trackingId ? undefined : toDeadLetter(m);
  }

  async replay(seq: number): Promise<ReplayedDeadLetter | undefined> {
    const m = await this.jsm.streams.getMessage(this.names.dlq, { seq });
    if (m === null) return undefined;
    const decoded = decodePostMessage(m.data);
    if (!decoded.ok) throw new NotReplayableError(`dead letter ${seq} cannot be replayed: ${decoded.reason}`);
    const { trackingId } = decoded;
    const h = headers();
    h.set(H.replayOf, String(seq));
    // A new message id: the original is still inside the de-duplication window. Replaying the
    // same dead letter twice (a retry after a lost reply) is de-duplicated on this id.
    await this.js.publish(this.names.postsSubject(subjectKeyOf(trackingId)), m.data, { msgID: `${trackingId}:replay:${seq}`, headers: h });
    // Erased, not just removed: the body holds the post text.
    await this.jsm.streams.deleteMessage(this.names.dlq, seq, true);
    return { seq, trackingId, source: decoded.message.post.source, id: decoded.message.post.id };
  }
}
