import type { Selectable } from 'kysely';
import { isWebhookEventType, WEBHOOK_EVENTS, type WebhookEventType } from '../webhooks/events.js';
import type { SecretRef, WebhookSecrets } from '../webhooks/secrets.js';
import type { Store } from './store.js';
import { webhookDb, webhookTrx, type WebhookEndpointsTable } from './webhook-schema.js';

export const MAX_URL_LENGTH = 2048;

export interface WebhookEndpoint {
  readonly id: number;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description: string | null;
  readonly createdAt: number;
}

export interface NewWebhookEndpoint {
  readonly url: string;
  readonly events: readonly string[];
  readonly description?: string;
}

export class WebhookEndpointError extends Error {
  override readonly name = 'WebhookEndpointError';
  constructor(
    readonly code: 'INVALID_WEBHOOK_URL' | 'INVALID_WEBHOOK_EVENTS' | 'ENDPOINT_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

const toEndpoint = (r: Selectable<WebhookEndpointsTable>): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events.split(',').filter(isWebhookEventType),
  description: r.description,
  createdAt: r.created_at,
});

/** http(s) only, and no credentials in the URL: they would be stored and listed in plain text. */
export function checkWebhookUrl(url: string): string {
  if (url.length > MAX_URL_LENGTH) throw new WebhookEndpointError('INVALID_WEBHOOK_URL', `the URL is longer than ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookEndpointError('INVALID_WEBHOOK_URL', 'the URL is not absolute; give one like https://example.org/bulwark-hook');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new WebhookEndpointError('INVALID_WEBHOOK_URL', `the URL scheme must be https (or http), not ${parsed.protocol.slice(0, -1)}`);
  if (parsed.username !== '' || parsed.password !== '') throw new WebhookEndpointError('INVALID_WEBHOOK_URL', 'the URL must not carry a user name or password; authenticate deliveries with the signature instead');
  return parsed.href;
}

/**
 * Registers an endpoint. The signing secret is returned here and never again: only the salt it
 * is derived from is stored.
 */
export async function createWebhookEndpoint(store: Store, secrets: WebhookSecrets, input: NewWebhookEndpoint, now: number, actor: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = checkWebhookUrl(input.url);
  const unknown = input.events.filter((e) => !isWebhookEventType(e));
  if (input.events.length === 0 || unknown.length > 0) {
    throw new WebhookEndpointError('INVALID_WEBHOOK_EVENTS', `subscribe to one or more of ${WEBHOOK_EVENTS.join(', ')}${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`);
  }
  const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
  const { ref, secret } = secrets.issue();
  const row = await store.transaction('creating a webhook endpoint', async (trx) => {
    const created = await webhookTrx(trx)
      .insertInto('webhook_endpoints')
      .values({ url, events: events.join(','), description: input.description ?? null, secret_key_id: ref.keyId, secret_salt: ref.salt, created_at: now, disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await store.audit(trx, now, [{ actor, action: 'webhook.created', subjectType: 'webhook_endpoint', subjectId: String(created.id), details: { events: events.join(',') } }]);
    return created;
  });
  return { endpoint: toEndpoint(row), secret };
}

/** Live endpoints, oldest first; never their secrets. */
export async function listWebhookEndpoints(store: Store): Promise<WebhookEndpoint[]> {
  const rows = await webhookDb(store.db).selectFrom('webhook_endpoints').selectAll().where('disabled_at', 'is', null).orderBy('id').execute();
  return rows.map(toEndpoint);
}

/**
 * Deletes an endpoint: it receives nothing more and its undelivered deliveries are marked dead.
 * The row and its delivery history stay for the record.
 */
export async function deleteWebhookEndpoint(store: Store, id: number, now: number, actor: string): Promise<void> {
  await store.transaction('deleting a webhook endpoint', async (outer) => {
    const trx = webhookTrx(outer);
    const updated = await trx.updateTable('webhook_endpoints').set({ disabled_at: now }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new WebhookEndpointError('ENDPOINT_NOT_FOUND', `webhook endpoint ${id} does not exist or was already deleted`);
    const dropped = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'dead', last_error: 'the endpoint was deleted' })
      .where('endpoint_id', '=', id)
      .where('status', 'in', ['pending', 'failed'])
      .executeTakeFirst();
    await store.audit(outer, now, [{ actor, action: 'webhook.deleted', subjectType: 'webhook_endpoint', subjectId: String(id), details: { undelivered: Number(dropped.numUpdatedRows) } }]);
  });
}

export interface EndpointTarget {
  readonly id: number;
  readonly url: string;
  readonly secretRef: SecretRef;
}

/** Where and with which secret to deliver, for the given live endpoints. */
export async function endpointTargets(store: Store, ids: readonly number[]): Promise<Map<number, EndpointTarget>> {
  if (ids.length === 0) return new Map();
  const rows = await webhookDb(store.db).selectFrom('webhook_endpoints').select(['id', 'url', 'secret_key_id', 'secret_salt']).where('id', 'in', [...new Set(ids)]).where('disabled_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, url: r.url, secretRef: { keyId: r.secret_key_id, salt: r.secret_salt } }]));
}
