import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCampaignGrowthThreshold, webhookBody } from '../src/webhooks/events.js';
import { WebhookSecrets } from '../src/webhooks/secrets.js';
import { signWebhook, verifyWebhookSignature } from '../src/webhooks/signature.js';

const SECRET = 'whsec_test-secret';
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const BODY = webhookBody('0b6c0e4e-5b0a-4d53-9d8e-1f0f7f0c3a11', 'case.created', NOW, '{"caseId":7,"postId":9}');

describe('webhook signatures', () => {
  it('is HMAC-SHA256 of "<t>.<body>" keyed by the secret, as documented', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    const t = Math.floor(NOW / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex')}`);
    expect(JSON.parse(BODY)).toEqual({ id: '0b6c0e4e-5b0a-4d53-9d8e-1f0f7f0c3a11', type: 'case.created', createdAt: NOW, data: { caseId: 7, postId: 9 } });
  });

  it('verifies the raw body as a string or bytes, within the tolerance either side', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW)).toEqual({ ok: true, timestamp: Math.floor(NOW / 1000) });
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(BODY), NOW + 299_000).ok).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW - 299_000).ok).toBe(true);
  });

  it('fails a tampered body, a tampered signature, another secret or another timestamp', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('"caseId":7', '"caseId":8'), NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(SECRET, header, `${BODY} `, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifyWebhookSignature(SECRET, flipped, BODY, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature('whsec_other', header, BODY, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    // Moving the timestamp (to dodge the replay window) breaks the signature.
    const later = header.replace(/^t=\d+/, `t=${Math.floor(NOW / 1000) + 600}`);
    expect(verifyWebhookSignature(SECRET, later, BODY, NOW + 600_000)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a replay outside the tolerance window as expired', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW + 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW - 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW + 3_600_000, 7200).ok).toBe(true);
  });

  it('accepts any matching v1 among several (secret rotation) and ignores unknown schemes', () => {
    const good = signWebhook(SECRET, BODY, NOW).split(',')[1];
    const t = Math.floor(NOW / 1000);
    expect(verifyWebhookSignature(SECRET, `t=${t},v1=${'a'.repeat(64)},${good},v0=zzz`, BODY, NOW).ok).toBe(true);
  });

  it('refuses malformed headers', () => {
    const t = Math.floor(NOW / 1000);
    const sig = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    for (const header of [undefined, '', 'v1=' + sig, `t=${t}`, `t=abc,v1=${sig}`, `t=${t},v1=${sig.slice(2)}`, `t=${t},t=${t},v1=${sig}`, `t=${t},v1=${sig.toUpperCase()}`, `t=${t};v1=${sig}`, 'x'.repeat(5000)]) {
      expect(verifyWebhookSignature(SECRET, header, BODY, NOW), String(header)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifyWebhookSignature(SECRET, ` t=${t} , v1=${sig} `, BODY, NOW).ok).toBe(true);
  });
});

describe('webhook secrets', () => {
  const key = { id: 'k1', secret: Buffer.alloc(32, 3) };

  it('derives the same secret from the stored reference, a different one per endpoint and per server key', () => {
    const secrets = new WebhookSecrets([key]);
    const a = secrets.issue();
    const b = secrets.issue();
    expect(a.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(a.ref.keyId).toBe('k1');
    expect(a.secret).not.toBe(b.secret);
    expect(secrets.secretFor(a.ref)).toBe(a.secret);
    expect(new WebhookSecrets([{ id: 'k1', secret: Buffer.alloc(32, 4) }]).secretFor(a.ref)).not.toBe(a.secret);
    expect(secrets.secretFor({ keyId: 'gone', salt: a.ref.salt })).toBeUndefined();
  });

  it('keeps old endpoints working after a new server key is put first', () => {
    const before = new WebhookSecrets([key]).issue();
    const rotated = new WebhookSecrets([{ id: 'k2', secret: Buffer.alloc(32, 9) }, key]);
    expect(rotated.secretFor(before.ref)).toBe(before.secret);
    expect(rotated.issue().ref.keyId).toBe('k2');
  });
});

describe('campaign growth thresholds', () => {
  it('fires at 2, 5, 10, 20, 50, 100 … only', () => {
    const fired = Array.from({ length: 1200 }, (_, i) => i).filter(isCampaignGrowthThreshold);
    expect(fired).toEqual([2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });
});
