import type { Consumer, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Delivery, DeliverySource } from '../queue.js';
import { publishDeadLetter } from './dead-letters.js';
import type { StreamNames } from './names.js';

/**
 * Batches from the shared durable pull consumer. Each fetch asks for at most `max` messages and
 * ends within `expiresMs`, so nothing is buffered beyond the batch being processed: messages
 * waiting on a busy worker would otherwise use up their ack wait and delivery count.
 */
export class NatsDeliverySource implements DeliverySource {
  constructor(
    private readonly consumer: Consumer,
    private readonly js: JetStreamClient,
    private readonly names: StreamNames,
    readonly ackWaitMs: number,
    private readonly expiresMs: number,
  ) {}

  async fetch(max: number): Promise<Delivery[]> {
    const messages = await this.consumer.fetch({ max_messages: max, expires: this.expiresMs });
    const batch: Delivery[] = [];
    try {
      for await (const m of messages) batch.push(this.delivery(m));
    } catch (error) {
      // What already arrived is ours to process; the error surfaces on the next fetch if it persists.
      if (batch.length === 0) throw error;
    }
    return batch;
  }

  private delivery(m: JsMsg): Delivery {
    return {
      data: m.data,
      deliveryCount: m.info.deliveryCount,
      streamSeq: m.seq,
      ack: () => m.ack(),
      nak: (delayMs) => m.nak(delayMs),
      working: () => m.working(),
      deadLetter: (failure) => publishDeadLetter(this.js, this.names, m, failure, Date.now()),
    };
  }
}
