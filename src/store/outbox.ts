import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { WebhookEvent } from '../webhooks/events.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { webhookDb, webhookTrx, type DeliveryStatus, type WebhookDeliveriesTable, type WebhookTables } from './webhook-schema.js';

/** Rows per insert statement, well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/**
 * Collects the webhook events of one transaction and writes a delivery per subscribed endpoint
 * when flushed — inside that same transaction, so an event exists exactly when its cause was
 * committed. One query for the subscriptions and one insert per batch, and none when no event
 * occurred. An endpoint created while the transaction runs may miss its events.
 */
export class OutboxWriter {
  private readonly events: WebhookEvent[] = [];
  private readonly trx: Transaction<Database & WebhookTables>;

  constructor(trx: Transaction<Database>) {
    this.trx = webhookTrx(trx);
  }

  add(event: WebhookEvent): void {
    this.events.push(event);
  }

  /** Writes the deliveries; returns how many. */
  async flush(now: number): Promise<number> {
    if (this.events.length === 0) return 0;
    const endpoints = await this.trx.selectFrom('webhook_endpoints').select(['id', 'events']).where('disabled_at', 'is', null).execute();
    const subscribers = endpoints.map((e) => ({ id: e.id, events: new Set(e.events.split(',')) }));
    const rows = this.events.flatMap((event) => {
      const eventId = randomUUID();
      const payload = JSON.stringify(event.data);
      return subscribers
        .filter((s) => s.events.has(event.type))
        .map((s) => ({
          delivery_id: randomUUID(),
          event_id: eventId,
          endpoint_id: s.id,
          event_type: event.type,
          payload_json: payload,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: now,
          last_attempt_at: null,
          last_status: null,
          last_error: null,
          created_at: now,
          delivered_at: null,
        }));
    });
    this.events.length = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.trx.insertInto('webhook_deliveries').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    }
    return rows.length;
  }
}

/** Enqueues events inside the caller's transaction. */
export function enqueueEvents(trx: Transaction<Database>, now: number, events: readonly WebhookEvent[]): Promise<number> {
  const outbox = new OutboxWriter(trx);
  for (const event of events) outbox.add(event);
  return outbox.flush(now);
}

export interface ClaimedDelivery {
  readonly id: number;
  readonly deliveryId: string;
  readonly eventId: string;
  readonly endpointId: number;
  readonly eventType: string;
  readonly payloadJson: string;
  /** The attempt now running (1 for the first); fences the result against a later claim. */
  readonly attempts: number;
  readonly createdAt: number;
}

const OUTSTANDING: readonly DeliveryStatus[] = ['pending', 'failed'];

/**
 * Claims up to `limit` due deliveries of live endpoints for `leaseMs`: the claim counts as an
 * attempt and pushes the next attempt past the lease, so a dispatcher that dies mid-delivery
 * leaves the delivery to be retried once the lease expires. One statement: on PostgreSQL
 * `FOR UPDATE SKIP LOCKED` lets several dispatchers claim disjoint rows; SQLite has one writer.
 */
export async function claimDueDeliveries(store: Store, now: number, options: { limit: number; leaseMs: number; maxAttempts: number }): Promise<ClaimedDelivery[]> {
  return store.transaction('claiming webhook deliveries', async (outer) => {
    const trx = webhookTrx(outer);
    // Deliveries whose last allowed attempt never reported back are given up on.
    let abandoned = trx.selectFrom('webhook_deliveries').select('id').where('status', 'in', OUTSTANDING).where('next_attempt_at', '<=', now).where('attempts', '>=', options.maxAttempts);
    if (store.dialect === 'postgres') abandoned = abandoned.forUpdate().skipLocked();
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'dead', last_error: 'no result was recorded for the last attempt (the dispatcher stopped during delivery)' })
      .where('id', 'in', abandoned)
      .execute();
    let due = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', 'in', OUTSTANDING)
      .where('next_attempt_at', '<=', now)
      .where('attempts', '<', options.maxAttempts)
      .where('endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoints').select('id').where('disabled_at', 'is', null))
      .orderBy('next_attempt_at')
      .limit(options.limit);
    if (store.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: now + options.leaseMs, last_attempt_at: now }))
      .where('id', 'in', due)
      .returning(['id', 'delivery_id', 'event_id', 'endpoint_id', 'event_type', 'payload_json', 'attempts', 'created_at'])
      .execute();
    return rows.map((r) => ({ id: r.id, deliveryId: r.delivery_id, eventId: r.event_id, endpointId: r.endpoint_id, eventType: r.event_type, payloadJson: r.payload_json, attempts: r.attempts, createdAt: r.created_at }));
  });
}

export type AttemptResult =
  | { readonly delivered: true; readonly httpStatus: number }
  /** `retryAt` null: no attempt left, the delivery is dead. */
  | { readonly delivered: false; readonly httpStatus: number | null; readonly error: string; readonly retryAt: number | null };

/**
 * Records the result of a claimed attempt. Ignored (false) when the delivery was claimed again
 * or redelivered meanwhile: the later claim owns it.
 */
export async function recordAttempt(store: Store, claimed: Pick<ClaimedDelivery, 'id' | 'attempts'>, result: AttemptResult, now: number): Promise<boolean> {
  const values = result.delivered
    ? { status: 'delivered' as const, last_status: result.httpStatus, last_error: null, delivered_at: now }
    : { status: result.retryAt === null ? ('dead' as const) : ('failed' as const), last_status: result.httpStatus, last_error: result.error, ...(result.retryAt === null ? {} : { next_attempt_at: result.retryAt }) };
  const updated = await store.transaction('recording a webhook attempt', (trx) =>
    webhookTrx(trx)
      .updateTable('webhook_deliveries').set(values).where('id', '=', claimed.id).where('attempts', '=', claimed.attempts).where('status', 'in', OUTSTANDING).executeTakeFirst(),
  );
  return Number(updated.numUpdatedRows) === 1;
}

export interface DeliverySummary {
  readonly id: number;
  readonly deliveryId: string;
  readonly eventId: string;
  readonly endpointId: number;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due; null once delivered or dead. */
  readonly nextAttemptAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly lastHttpStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
}

export interface DeliveryDetail extends DeliverySummary {
  /** The event's data as sent (ids and counts only). */
  readonly data: unknown;
}

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly endpointId?: number;
  readonly eventType?: string;
  /** Id of the last delivery of the previous page (newest first). */
  readonly before?: number;
  readonly limit?: number;
}

const summarize = (r: Selectable<WebhookDeliveriesTable>): DeliverySummary => ({
  id: r.id,
  deliveryId: r.delivery_id,
  eventId: r.event_id,
  endpointId: r.endpoint_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: OUTSTANDING.includes(r.status) ? r.next_attempt_at : null,
  lastAttemptAt: r.last_attempt_at,
  lastHttpStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

/** Deliveries, newest first, with keyset pagination. */
export async function listDeliveries(store: Store, filter: DeliveryFilter = {}): Promise<DeliverySummary[]> {
  let q = webhookDb(store.db).selectFrom('webhook_deliveries').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.endpointId !== undefined) q = q.where('endpoint_id', '=', filter.endpointId);
  if (filter.eventType) q = q.where('event_type', '=', filter.eventType);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  const rows = await q.orderBy('id', 'desc').limit(Math.min(500, filter.limit ?? 50)).execute();
  return rows.map(summarize);
}

export async function getDelivery(store: Store, id: number): Promise<DeliveryDetail | undefined> {
  const row = await webhookDb(store.db).selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { ...summarize(row), data: JSON.parse(row.payload_json) as unknown };
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: 'DELIVERY_NOT_FOUND' | 'ENDPOINT_DELETED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a delivery again, whatever its status, with a fresh attempt budget and the same
 * `Bulwark-Delivery` id (a receiver that already processed it can recognize it).
 */
export async function redeliver(store: Store, id: number, now: number, actor: string): Promise<DeliverySummary> {
  return store.transaction('scheduling a webhook redelivery', async (outer) => {
    const trx = webhookTrx(outer);
    const found = await trx
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .select(['webhook_deliveries.id', 'webhook_endpoints.disabled_at'])
      .where('webhook_deliveries.id', '=', id)
      .executeTakeFirst();
    if (!found) throw new DeliveryError('DELIVERY_NOT_FOUND', `webhook delivery ${id} does not exist`);
    if (found.disabled_at !== null) throw new DeliveryError('ENDPOINT_DELETED', `the endpoint of webhook delivery ${id} was deleted; create a new endpoint instead`);
    const row = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, delivered_at: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await store.audit(outer, now, [{ actor, action: 'webhook.redelivered', subjectType: 'webhook_delivery', subjectId: String(id), details: { endpoint: row.endpoint_id, event: row.event_type } }]);
    return summarize(row);
  });
}

/** Deliveries still to send (pending or awaiting a retry): the outbox depth for metrics. */
export async function outboxDepth(store: Store): Promise<number> {
  const row = await webhookDb(store.db)
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', OUTSTANDING)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes delivered and dead deliveries created before `before`; returns how many. */
export async function purgeDeliveries(store: Store, before: number): Promise<number> {
  const result = await store.transaction('purging webhook deliveries', (trx) =>
    webhookTrx(trx).deleteFrom('webhook_deliveries').where('status', 'in', ['delivered', 'dead']).where('created_at', '<', before).executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}
