import type { HashKey } from '../core/watchlist/keyed-hash.js';
import { claimDueDeliveries, recordAttempt, type AttemptResult, type ClaimedDelivery } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { endpointTargets, type EndpointTarget } from '../store/webhook-endpoints.js';
import { webhookBody } from './events.js';
import { WebhookSecrets } from './secrets.js';
import { signWebhook } from './signature.js';

export interface DispatcherOptions {
  /** Server keys the endpoints' signing secrets derive from (the keyed-hash keys). */
  readonly keys: readonly HashKey[];
  /** Epoch milliseconds; Date.now by default. */
  readonly clock?: () => number;
  /** Uniform in [0, 1), for the backoff jitter; Math.random by default. */
  readonly random?: () => number;
  /** Per request, connection included. Default 10 s. */
  readonly timeoutMs?: number;
  /** Attempts before a delivery is `dead`. Default 10. */
  readonly maxAttempts?: number;
  /** Delay after the first failure, doubled after each further one, up to maxDelayMs. Default 30 s. */
  readonly baseDelayMs?: number;
  /** Default 6 h: with the defaults a delivery is retried for about 9 hours. */
  readonly maxDelayMs?: number;
  /** Deliveries claimed (and sent concurrently) per round. Default 20. */
  readonly batchSize?: number;
  /** Pause between rounds when nothing was due. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Receives one record per attempt: ids, status and error — never the URL or the body. */
  readonly onAttempt?: (attempt: AttemptReport) => void;
  /** Errors of the loop itself (database unavailable); it keeps polling. */
  readonly onError?: (error: unknown) => void;
}

export interface AttemptReport {
  readonly deliveryId: string;
  readonly endpointId: number;
  readonly eventType: string;
  readonly attempt: number;
  readonly outcome: 'delivered' | 'failed' | 'dead' | 'superseded';
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** Error text stored and shown for a failed attempt: short, and never the receiver's reply. */
const MAX_ERROR_LENGTH = 200;

/**
 * Sends the outbox: claims due deliveries, POSTs each signed body, records the result, and
 * schedules retries with exponential backoff and jitter until `maxAttempts`, then `dead`.
 * At-least-once: a dispatcher stopped mid-request leaves the delivery to be sent again after its
 * lease, and receivers de-duplicate on `Bulwark-Delivery`. Several dispatchers may run against
 * one PostgreSQL database; they claim disjoint deliveries.
 */
export class WebhookDispatcher {
  private readonly secrets: WebhookSecrets;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly store: Store,
    private readonly options: DispatcherOptions,
  ) {
    this.secrets = new WebhookSecrets(options.keys);
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 6 * 60 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    if (this.maxAttempts < 1) throw new RangeError('maxAttempts must be at least 1');
  }

  /**
   * Delay before attempt `failed + 1` after `failed` failures: base·2^(failed−1), capped, scaled by
   * a random factor in [0.5, 1) so receivers that failed together are not retried in lockstep.
   */
  backoffMs(failed: number): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(30, failed - 1));
    return Math.round(exponential * (0.5 + this.random() / 2));
  }

  /** One round: claims what is due now and delivers it. Returns the number of attempts made. */
  async deliverDue(): Promise<number> {
    const claimed = await claimDueDeliveries(this.store, this.clock(), { limit: this.batchSize, leaseMs: this.leaseMs, maxAttempts: this.maxAttempts });
    if (claimed.length === 0) return 0;
    const targets = await endpointTargets(this.store, claimed.map((c) => c.endpointId));
    // Every attempt settles (and is recorded if it can be) before the round ends.
    const settled = await Promise.allSettled(claimed.map((c) => this.deliver(c, targets.get(c.endpointId))));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    return claimed.length;
  }

  /** Delivers in the background until stop(); rounds follow each other while work is due. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling, aborts requests in flight (they are retried after their lease) and waits. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp?.();
    for (const controller of this.inFlight) controller.abort(new Error('the dispatcher stopped'));
    await this.loop;
  }

  /** Long enough that a request still running cannot be claimed a second time. */
  private get leaseMs(): number {
    return this.timeoutMs + 30_000;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.deliverDue();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (attempted < this.batchSize && this.running) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      timer.unref();
      this.wakeUp = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async deliver(claimed: ClaimedDelivery, target: EndpointTarget | undefined): Promise<void> {
    const started = this.clock();
    const sent = target === undefined ? { httpStatus: null, error: 'the endpoint was deleted' } : await this.post(claimed, target);
    const now = this.clock();
    let result: AttemptResult;
    if (sent.error === null && sent.httpStatus !== null) {
      result = { delivered: true, httpStatus: sent.httpStatus };
    } else {
      const retryAt = target !== undefined && claimed.attempts < this.maxAttempts ? now + this.backoffMs(claimed.attempts) : null;
      result = { delivered: false, httpStatus: sent.httpStatus, error: (sent.error ?? 'unknown error').slice(0, MAX_ERROR_LENGTH), retryAt };
    }
    const recorded = await recordAttempt(this.store, claimed, result, now);
    this.options.onAttempt?.({
      deliveryId: claimed.deliveryId,
      endpointId: claimed.endpointId,
      eventType: claimed.eventType,
      attempt: claimed.attempts,
      outcome: !recorded ? 'superseded' : result.delivered ? 'delivered' : result.retryAt === null ? 'dead' : 'failed',
      httpStatus: sent.httpStatus,
      error: sent.error,
      durationMs: now - started,
    });
  }

  /** One POST. Success is any 2xx; redirects are not followed (they count as failures). */
  private async post(claimed: ClaimedDelivery, target: EndpointTarget): Promise<{ httpStatus: number | null; error: string | null }> {
    const secret = this.secrets.secretFor(target.secretRef);
    if (secret === undefined) return { httpStatus: null, error: `server key "${target.secretRef.keyId}" that signs this endpoint is no longer configured; restore it or recreate the endpoint` };
    const body = webhookBody(claimed.eventId, claimed.eventType, claimed.createdAt, claimed.payloadJson);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${this.timeoutMs} ms`)), this.timeoutMs);
    this.inFlight.add(controller);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Bulwark-Webhooks/1',
          'bulwark-event': claimed.eventType,
          'bulwark-delivery': claimed.deliveryId,
          'bulwark-signature': signWebhook(secret, body, this.clock()),
        },
        body,
      });
      // The reply's content is not needed; discarding it frees the connection.
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300 ? { httpStatus: response.status, error: null } : { httpStatus: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      return { httpStatus: null, error: describeFailure(error, controller.signal) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

/** "connect ECONNREFUSED 127.0.0.1:8080" rather than fetch's generic "fetch failed". */
function describeFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason.message : 'aborted';
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Starts a dispatcher in the background; `stop()` waits for requests in flight to settle. */
export function startDispatcher(store: Store, options: DispatcherOptions): { stop(): Promise<void> } {
  const dispatcher = new WebhookDispatcher(store, options);
  dispatcher.start();
  return { stop: () => dispatcher.stop() };
}
