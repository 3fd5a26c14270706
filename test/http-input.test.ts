import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../src/core/limits.js';
import { ANALYZE_BODY_LIMIT, DEFAULT_BODY_LIMIT, POSTS_BODY_LIMIT } from '../src/http/limits.js';
import { MAX_BATCH } from '../src/ingest/ingest.js';
import { doxText, problemOf, startHarness, type Harness, type Request } from './http-fixtures.js';
import { DIALECTS } from './store-fixtures.js';

type Key = 'ingest' | 'reviewer' | 'admin';

interface BadRequestCase {
  readonly name: string;
  readonly key: Key;
  readonly request: (h: Harness) => Omit<Request, 'key'>;
  readonly status: number;
  readonly code: string;
  /** JSON Pointer expected among errors[] (validation problems). */
  readonly pointer?: string;
  readonly detail?: RegExp;
}

const json = { 'content-type': 'application/json' };
const post = (n: number) => ({ source: 'bad-input', id: `b${n}`, text: doxText(n) });
const decision = { action: 'remove', reason: 'doxxing' };

/** Every case must come back as a clear 4xx problem and store nothing. */
const CASES: readonly BadRequestCase[] = [
  // Malformed JSON
  { name: 'truncated JSON', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"source": "s", "id": "1", "text": "hi"' }), status: 400, code: 'MALFORMED_JSON', detail: /ends too early/ },
  { name: 'trailing comma', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"source": "s", "id": "1", "text": "hi",}' }), status: 400, code: 'MALFORMED_JSON', detail: /line 1, column/ },
  { name: 'bare word', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', headers: json, body: 'text=hello' }), status: 400, code: 'MALFORMED_JSON' },
  { name: 'whitespace only', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/cases/1/decision', headers: json, body: '   ' }), status: 400, code: 'MALFORMED_JSON' },
  { name: '__proto__ key', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"source":"s","id":"p","text":"x","__proto__":{"admin":true}}' }), status: 400, code: 'MALFORMED_JSON', detail: /__proto__/ },
  { name: 'no body', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json }), status: 400, code: 'VALIDATION_FAILED', detail: /needs a JSON body/ },
  // Wrong types
  { name: 'id as a number', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { ...post(1), id: 7 } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/id' },
  { name: 'text as an array', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', body: { text: ['a'] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/text' },
  { name: 'a batch that is not an array', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: post(2) } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/posts' },
  { name: 'receivedAt past what a Date holds', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { ...post(5), receivedAt: 8.64e15 + 1 } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/receivedAt' },
  { name: 'wrong type deep in a batch', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: [post(3), { ...post(4), receivedAt: 'yesterday' }] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/posts/1/receivedAt' },
  { name: 'a JSON array body', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: [post(5)] }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'unknown action', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/cases/1/decision', body: { action: 'ban', reason: 'x' } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/action' },
  { name: 'empty reason', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/campaigns/1/action', body: { action: 'remove', reason: ' ' } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/reason' },
  { name: 'unknown watchlist field', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', body: { label: 'x', identifiers: [{ field: 'ssn', value: '123' }] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/identifiers/0/field' },
  { name: 'text over the engine limit', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { ...post(6), text: 'a'.repeat(MAX_TEXT_LENGTH + 1) } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/text' },
  { name: 'batch over MAX_BATCH', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ source: 'big', id: `x${i}`, text: 'hi' })) } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/posts' },
  { name: 'empty batch', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: [] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/posts' },
  // Unknown fields
  { name: 'unknown top-level field', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { ...post(7), priority: 'high' } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/priority', detail: /unknown field/ },
  { name: 'unknown field in a batch post', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: [post(8), { ...post(9), lang: 'en' }] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/posts/1/lang' },
  { name: 'unknown field beside a batch', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', body: { posts: [post(10)], dryRun: true } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/dryRun' },
  { name: 'unknown field in analyze', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', body: { text: 'hi', store: true } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/store' },
  { name: 'unknown field in a decision', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/cases/1/decision', body: { ...decision, notify: true } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/notify' },
  { name: 'unknown field in an identifier', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', body: { label: 'x', identifiers: [{ field: 'phone', value: '312 555 0100', note: 'cell' }] } }), status: 400, code: 'VALIDATION_FAILED', pointer: '/identifiers/0/note' },
  { name: 'unknown query parameter', key: 'reviewer', request: () => ({ url: '/v1/cases?sort=asc' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/sort' },
  // Bad Unicode
  { name: 'lone high surrogate in text', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"source":"s","id":"u1","text":"call me \\ud83d now"}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/text' },
  { name: 'lone low surrogate in a batch id', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"posts":[{"source":"s","id":"u2","text":"ok"},{"source":"s","id":"\\uDC00","text":"ok"}]}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/posts/1/id' },
  { name: 'reversed surrogate pair', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', headers: json, body: '{"text":"\\ude00\\ud83d"}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/text' },
  { name: 'lone surrogate in a key', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', headers: json, body: '{"label":"x","identifiers":[],"\\ud800":1}' }), status: 400, code: 'INVALID_UNICODE' },
  { name: 'NUL character in text', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"source":"s","id":"u3","text":"call \\u0000 me"}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/text' },
  { name: 'NUL character in a batch source', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: '{"posts":[{"source":"s\\u0000","id":"u4","text":"ok"}]}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/posts/0/source' },
  { name: 'lone surrogate in a watchlist value', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', headers: json, body: '{"label":"x","identifiers":[{"field":"name","value":"Ana \\udfff"}]}' }), status: 400, code: 'INVALID_UNICODE', pointer: '/identifiers/0/value' },
  { name: 'invalid UTF-8 bytes', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: json, body: Buffer.concat([Buffer.from('{"source":"s","id":"u3","text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }), status: 400, code: 'INVALID_UNICODE', detail: /UTF-8/ },
  { name: 'overlong UTF-8 encoding', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', headers: json, body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]) }), status: 400, code: 'INVALID_UNICODE' },
  // Oversized bodies
  { name: 'analyze body over its limit', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', headers: json, body: `{"text":"${'a'.repeat(ANALYZE_BODY_LIMIT)}"}` }), status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'decision body over 64 KiB', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/cases/1/decision', headers: json, body: `{"action":"remove","reason":"${'a'.repeat(DEFAULT_BODY_LIMIT)}"}` }), status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'watchlist body over 64 KiB', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', headers: json, body: `{"label":"${'a'.repeat(DEFAULT_BODY_LIMIT)}","identifiers":[]}` }), status: 413, code: 'BODY_TOO_LARGE' },
  // Media type, routes, methods, parameters
  { name: 'text/plain body', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/analyze', headers: { 'content-type': 'text/plain' }, body: 'hello' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form body', key: 'ingest', request: () => ({ method: 'POST', url: '/v1/posts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=hello' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'unknown route', key: 'admin', request: () => ({ url: '/v1/posts/1' }), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'unknown version', key: 'admin', request: () => ({ method: 'POST', url: '/v2/posts', body: post(11) }), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'wrong method', key: 'ingest', request: () => ({ method: 'PUT', url: '/v1/posts', body: post(12) }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'wrong method on a parameterized route', key: 'admin', request: () => ({ method: 'PATCH', url: '/v1/cases/3', body: decision }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'id not a number', key: 'reviewer', request: () => ({ url: '/v1/cases/abc' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/id' },
  { name: 'id zero', key: 'reviewer', request: () => ({ url: '/v1/campaigns/0' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/id' },
  { name: 'id in exponent form', key: 'admin', request: () => ({ method: 'DELETE', url: '/v1/watchlist/1e3' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/id' },
  { name: 'unknown status filter', key: 'reviewer', request: () => ({ url: '/v1/cases?status=closed' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/status' },
  { name: 'limit out of range', key: 'reviewer', request: () => ({ url: '/v1/campaigns?limit=0' }), status: 400, code: 'VALIDATION_FAILED', pointer: '/limit' },
  { name: 'forged cursor', key: 'reviewer', request: () => ({ url: `/v1/cases?cursor=${Buffer.from('["campaigns",1,2]').toString('base64url')}` }), status: 400, code: 'INVALID_CURSOR' },
  { name: 'garbage cursor', key: 'admin', request: () => ({ url: '/v1/audit?cursor=%F0%9F%92%A9' }), status: 400, code: 'INVALID_CURSOR' },
  // Domain errors
  { name: 'decision on a missing case', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/cases/999999/decision', body: decision }), status: 404, code: 'CASE_NOT_FOUND' },
  { name: 'action on a missing campaign', key: 'reviewer', request: () => ({ method: 'POST', url: '/v1/campaigns/999999/action', body: decision }), status: 404, code: 'CAMPAIGN_NOT_FOUND' },
  { name: 'identifier with no usable form', key: 'admin', request: () => ({ method: 'POST', url: '/v1/watchlist', body: { label: 'x', identifiers: [{ field: 'phone', value: 'none at all' }] } }), status: 422, code: 'INVALID_WATCHLIST_ENTRY', detail: /identifier 1 \(phone\)/ },
  { name: 'removing a missing person', key: 'admin', request: () => ({ method: 'DELETE', url: '/v1/watchlist/999999' }), status: 404, code: 'WATCHLIST_PERSON_NOT_FOUND' },
];

describe.each(DIALECTS)('bad requests on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  describe.each(['inject', 'http'] as const)('over %s', (transport) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s: a clear 4xx problem, nothing stored', async (_name, c) => {
      const client = h.clients.find((x) => x.transport === transport)!;
      const before = await h.counts();
      const r = await client.send({ ...c.request(h), key: h.keys[c.key] });
      const p = problemOf(r);
      expect({ status: r.status, code: p.code }, p.detail).toEqual({ status: c.status, code: c.code });
      if (c.pointer !== undefined) expect(p.errors?.map((e) => e.pointer), p.detail).toContain(c.pointer);
      if (c.detail !== undefined) expect(p.detail).toMatch(c.detail);
      expect(p.type).toBe(`urn:bulwark:problem:${c.code.toLowerCase().replace(/_/g, '-')}`);
      expect(p.instance).toBe(c.request(h).url.split('?')[0]);
      expect(await h.counts()).toEqual(before);
    });
  });

  it('answers 405 with the methods the path accepts', async () => {
    const r = await h.clients[1]!.send({ method: 'DELETE', url: '/v1/cases/1', key: h.keys.admin });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('refuses a posts body over its limit (sized from MAX_TEXT_LENGTH × MAX_BATCH) before reading it', async () => {
    const before = await h.counts();
    const big = Buffer.alloc(POSTS_BODY_LIMIT + 1, 0x20);
    const r = await h.clients[0]!.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, headers: json, body: big });
    expect(r.status).toBe(413);
    expect(problemOf(r).limitBytes).toBe(POSTS_BODY_LIMIT);
    expect(await h.counts()).toEqual(before);
  });

  it('stores nothing of a batch when one post is bad', async () => {
    const before = await h.counts();
    const r = await h.clients[1]!.send({ method: 'POST', url: '/v1/posts', key: h.keys.ingest, body: { posts: [post(20), post(21), { ...post(22), text: null }] } });
    expect(r.status).toBe(400);
    expect(problemOf(r).errors?.[0]?.pointer).toBe('/posts/2/text');
    expect(await h.counts()).toEqual(before);
  });

  it('never echoes the request body in a problem', async () => {
    const secret = 'Dana Whitfield 312-555-0172';
    for (const body of [`{"text":"${secret}",}`, `{"text":"${secret}","x":1}`, `{"text":${JSON.stringify(secret)}, "id": 5}`]) {
      const r = await h.clients[0]!.send({ method: 'POST', url: '/v1/analyze', key: h.keys.ingest, headers: json, body });
      expect(r.status).toBe(400);
      expect(r.body).not.toContain('Whitfield');
      expect(r.body).not.toContain('0172');
    }
  });
});
