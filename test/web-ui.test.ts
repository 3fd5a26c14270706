import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { Store } from '../src/store/store.js';
import { createTestDatabase, testHasher, type TestDatabase } from './store-fixtures.js';

const INDEX = '<!doctype html><title>Bulwark review</title><div id="root"></div>';
const ASSET = 'console.log("ui")';

async function appServing(webRoot: string): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('sqlite');
  const store = await Store.open(database.url);
  const hasher = testHasher();
  const app = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'default@1', webRoot });
  return {
    app,
    close: async () => {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}

describe('the review UI at /', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-web-'));
  let served: Awaited<ReturnType<typeof appServing>>;
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js'), ASSET);
    served = await appServing(root);
  });
  afterAll(async () => {
    await served.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and at every view of the app, never cached, with the security headers', async () => {
    for (const url of ['/', '/sign-in', '/queue', '/queue?label=dox', '/cases/12', '/campaigns/3', '/dashboard', '/admin']) {
      const r = await served.app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).toBe(INDEX);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).toContain("script-src 'self';");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves hashed assets with a long immutable cache, and 404 for a missing one', async () => {
    const r = await served.app.inject({ url: '/assets/index-Ab12Cd34.js' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe(ASSET);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await served.app.inject({ url: '/assets/index-Zz99.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API, docs, health and metrics as they were', async () => {
    const unknown = await served.app.inject({ url: '/v1/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect((await served.app.inject({ method: 'POST', url: '/v1/nope' })).statusCode).toBe(404);
    expect((await served.app.inject({ method: 'POST', url: '/nope' })).statusCode).toBe(404);
    const health = await served.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-security-policy']).toBeUndefined();
    expect((await served.app.inject({ url: '/v1/cases' })).statusCode).toBe(401);
    const openapi = await served.app.inject({ url: '/openapi.json' });
    expect(Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths).filter((p) => !p.startsWith('/v1') && !['/healthz', '/readyz', '/metrics'].includes(p))).toEqual([]);
  });
});

describe('a server without a UI build', () => {
  it('starts, says at / that the UI is not built, and serves no views', async () => {
    const served = await appServing(join(tmpdir(), 'bulwark-no-such-build'));
    try {
      const r = await served.app.inject({ url: '/' });
      expect(r.statusCode).toBe(503);
      expect(r.body).toMatch(/not built/);
      expect((await served.app.inject({ url: '/queue' })).statusCode).toBe(404);
      expect((await served.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await served.close();
    }
  });
});
