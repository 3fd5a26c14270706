import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Tables of migration 0003. */
export type WebhookTables = {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
};

/** The store's database seen with the webhook tables. */
export const webhookDb = (db: Kysely<Database>): Kysely<Database & WebhookTables> => db.withTables<WebhookTables>();
export const webhookTrx = (trx: Transaction<Database>): Transaction<Database & WebhookTables> => trx.withTables<WebhookTables>();

export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  /** Subscribed event types, comma-separated. */
  events: string;
  description: string | null;
  /** The server key the signing secret is derived from, and the per-endpoint HKDF salt (hex). */
  secret_key_id: string;
  secret_salt: string;
  created_at: number;
  /** Set when the endpoint is deleted; its deliveries stay visible. */
  disabled_at: number | null;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** Sent as `Bulwark-Delivery`, the same on every attempt: receivers de-duplicate on it. */
  delivery_id: string;
  /** The same for every endpoint receiving one event. */
  event_id: string;
  endpoint_id: number;
  event_type: string;
  /** The event's `data` (ids and counts only). */
  payload_json: string;
  status: DeliveryStatus;
  /** Attempts started; also the fencing token of the current claim. */
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}
