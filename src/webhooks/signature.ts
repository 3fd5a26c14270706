import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe-style. Each request carries
 *
 *     Bulwark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * where `secret` is the endpoint's signing secret exactly as shown at creation (its UTF-8 bytes
 * are the HMAC key). The timestamp is signed with the body, so a captured request cannot be
 * replayed outside the tolerance window. Several `v1=` entries may appear; one match suffices.
 */
export const SIGNATURE_HEADER = 'bulwark-signature';
export const EVENT_HEADER = 'bulwark-event';
export const DELIVERY_HEADER = 'bulwark-delivery';

/** Five minutes either side, as most receivers' clocks are that close. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureVerification =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'expired' | 'mismatch' };

const hmacHex = (secret: string, timestamp: number, body: string | Uint8Array): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The header value for `body` sent at `nowMs` (epoch milliseconds). */
export function signWebhook(secret: string, body: string | Uint8Array, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Checks a `Bulwark-Signature` header against the RAW request body (the bytes received, not
 * re-serialized JSON). `nowMs` is the receiver's clock in epoch milliseconds; a timestamp more
 * than `toleranceSeconds` away is `expired`. Signatures are compared in constant time.
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string | Uint8Array, nowMs: number, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): SignatureVerification {
  if (header === undefined || header.length > 4096) return { ok: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    if (key === 't') {
      if (!UNIX_SECONDS.test(value) || timestamp !== undefined) return { ok: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1' && HEX_SHA256.test(value)) {
      candidates.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  // Every candidate is compared, so the time taken does not reveal which one matched.
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
