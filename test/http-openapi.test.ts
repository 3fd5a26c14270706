import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../src/http/app.js';
import { ERROR_KINDS, problemType, type ErrorCode } from '../src/http/errors.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { Store } from '../src/store/store.js';
import { createTestDatabase, testHasher } from './store-fixtures.js';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  security?: Record<string, unknown>[];
  tags?: string[];
  'x-required-role'?: string;
}
interface Document {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  tags: { name: string }[];
}

/** The /v1 contract of issue #5: each must be documented with the role it needs. */
const EXPECTED: readonly [string, string, string][] = [
  ['post', '/v1/analyze', 'ingest'],
  ['post', '/v1/posts', 'ingest'],
  ['get', '/v1/cases', 'reviewer'],
  ['get', '/v1/cases/{id}', 'reviewer'],
  ['post', '/v1/cases/{id}/decision', 'reviewer'],
  ['get', '/v1/campaigns', 'reviewer'],
  ['get', '/v1/campaigns/{id}', 'reviewer'],
  ['post', '/v1/campaigns/{id}/action', 'reviewer'],
  ['post', '/v1/watchlist', 'admin'],
  ['get', '/v1/watchlist', 'admin'],
  ['delete', '/v1/watchlist/{id}', 'admin'],
  ['get', '/v1/audit', 'admin'],
  ['get', '/v1/audit/verify', 'admin'],
  ['get', '/healthz', 'public'],
  ['get', '/readyz', 'public'],
  ['get', '/metrics', 'public'],
];

/** Every value in the document, with its JSON Pointer. */
function* walk(value: unknown, pointer = ''): Generator<[string, unknown]> {
  yield [pointer, value];
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

function resolve(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

describe('the OpenAPI document', () => {
  let app: FastifyInstance;
  let store: Store;
  let doc: Document;

  beforeAll(async () => {
    const database = await createTestDatabase('sqlite');
    store = await Store.open(database.url);
    const hasher = testHasher();
    app = await buildApp({ store, hasher, ingestor: new Ingestor({ store, hasher }), policyVersion: 'p' });
    const r = await app.inject({ url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    doc = r.json<Document>();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('is OpenAPI 3.1 with info, paths, components, the bearer scheme and the session cookie', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Bulwark API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.components.securitySchemes.apiKey).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.components.securitySchemes.sessionCookie).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'bulwark_session' }));
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it.each(EXPECTED)('documents %s %s with role %s', (method, path, role) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path}`).toBeDefined();
    if (role === 'public') {
      expect(op!.security).toBeUndefined();
    } else {
      expect(op!['x-required-role']).toBe(role);
      expect(op!.security).toEqual([{ apiKey: [] }, { sessionCookie: [] }]);
      for (const status of ['401', '403', '429']) expect(op!.responses[status]?.content?.['application/problem+json']).toBeDefined();
    }
  });

  it('documents only routes the server has, each with a success response and its path parameters', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${method} ${path}`).toBe(true);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${path}`).toBe(true);
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          expect(op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required === true), `${method} ${path} {${name}}`).toBe(true);
        }
        for (const tag of op.tags ?? []) expect(doc.tags.map((t) => t.name)).toContain(tag);
      }
    }
  });

  it('has request bodies that refuse unknown fields', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema === undefined) continue;
        const objects = [...walk(schema)].filter(([, v]) => v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'object');
        expect(objects.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [pointer, o] of objects) expect((o as { additionalProperties?: unknown }).additionalProperties, `${method} ${path} ${pointer}`).toBe(false);
      }
    }
  });

  it('resolves every $ref and uses JSON Schema 2020-12, not OpenAPI 3.0 keywords', () => {
    for (const [pointer, value] of walk(doc)) {
      const key = pointer.split('/').at(-1);
      if (key === '$ref') expect(resolve(doc, value as string), `${pointer} → ${String(value)}`).toBeDefined();
      if (pointer.includes('/schema') || pointer.startsWith('/components/schemas')) {
        expect(key === 'nullable' || (key === 'exclusiveMinimum' && typeof value === 'boolean'), pointer).toBe(false);
      }
    }
  });

  it('lists every problem type with its meaning', () => {
    for (const code of Object.keys(ERROR_KINDS) as ErrorCode[]) expect(doc.info.description).toContain(problemType(code));
  });

  it('is also served as YAML by the docs', async () => {
    const r = await app.inject({ url: '/docs/yaml' });
    expect(r.statusCode).toBe(200);
    expect((parse(r.body) as Document).paths['/v1/posts']).toBeDefined();
  });
});
