import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysCreate, keysList, keysRevoke } from '../src/cli/keys.js';
import { DEFAULT_POLICY } from '../src/core/policy/default-policy.js';
import { startServer } from '../src/start/server.js';
import { doxText } from './http-fixtures.js';
import { createTestDatabase, DIALECTS } from './store-fixtures.js';

const capture = () => {
  const lines: string[] = [];
  return { lines, out: (l: string) => lines.push(l) };
};

describe.each(DIALECTS)('bulwark keys and serve on %s', (dialect) => {
  it('creates a key printed once, lists it without the secret, revokes it, and the server honours that at once', async () => {
    const database = await createTestDatabase(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-serve-'));
    const env = { db: database.url, keyFile: join(dir, 'bulwark.key'), actor: 'test' };
    if (dialect === 'postgres') process.env.BULWARK_HASH_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
    try {
      const notes = capture();
      const server = await startServer({ db: env.db, keyFile: env.keyFile, host: '127.0.0.1', port: 0, policy: DEFAULT_POLICY, notify: notes.out, handleSignals: false });
      expect(notes.lines.join('\n')).toMatch(/no admin API key yet: create one with {2}bulwark keys create --role admin/);
      expect(notes.lines.join('\n')).toMatch(/no review UI account yet: create one with {2}bulwark users create --username <name>/);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const created = capture();
      const info = capture();
      await keysCreate({ ...env, role: ['reviewer,admin'], name: 'ops team' }, created.out, info.out);
      expect(created.lines).toHaveLength(1);
      const token = created.lines[0]!;
      expect(token).toMatch(/^bwk_[0-9a-f]{12}_[\w-]{43}$/);
      expect(info.lines.join('\n')).toMatch(/shown only now/);
      const id = token.slice(4, 16);

      const listed = capture();
      await keysList(env, false, listed.out);
      expect(listed.lines.join('\n')).toContain(id);
      expect(listed.lines.join('\n')).toContain('reviewer,admin');
      expect(listed.lines.join('\n')).not.toContain(token.slice(17));
      const json = capture();
      await keysList(env, true, json.out);
      expect(JSON.parse(json.lines[0]!)).toEqual([expect.objectContaining({ id, name: 'ops team', roles: ['reviewer', 'admin'], revokedAt: null })]);

      const auth = { authorization: `Bearer ${token}` };
      expect((await fetch(`${server.url}/v1/audit/verify`, { headers: auth })).status).toBe(200);
      expect(await keysRevoke(env, id, capture().out)).toBe(true);
      expect(await keysRevoke(env, id, capture().out)).toBe(false);
      const refused = await fetch(`${server.url}/v1/audit/verify`, { headers: auth });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/revoked/);

      await server.close();
      await server.closed;
      expect(notes.lines.at(-1)).toBe('stopped');
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      delete process.env.BULWARK_HASH_KEYS;
      await database.drop();
    }
  });

  it('refuses bad key options with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-keys-'));
    const env = { db: join(dir, 'b.db'), keyFile: join(dir, 'b.key') };
    await expect(keysCreate({ ...env, role: ['superuser'] }, () => undefined, () => undefined)).rejects.toThrow(/roles must be one or more of ingest, reviewer, admin \(unknown: superuser\)/);
    await expect(keysCreate({ ...env, role: ['ingest'], rateLimit: 'lots' }, () => undefined, () => undefined)).rejects.toThrow(/--rate-limit/);
    await expect(keysRevoke(env, 'nope', () => undefined)).rejects.toThrow(/not an API key id/);
  });
});

describe('bulwark serve as a process', () => {
  it('stops gracefully on SIGTERM, and its logs carry no post text or key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-proc-'));
    const env = { db: join(dir, 'b.db'), keyFile: join(dir, 'b.key') };
    const created = capture();
    await keysCreate({ ...env, role: ['ingest'] }, created.out, () => undefined);
    const token = created.lines[0]!;

    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'http-serve-entry.ts')], {
      env: { ...process.env, BULWARK_DB: env.db, BULWARK_KEY_FILE: env.keyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`server exited early: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const text = doxText(77);
    const r = await fetch(`${url}/v1/posts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ source: 'proc', id: 'p1', text }) });
    expect(r.status).toBe(200);
    const bad = await fetch(`${url}/v1/posts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: `{"source":"proc","id":"p2","text":${JSON.stringify(text)},"oops":1}` });
    expect(bad.status).toBe(400);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: finishing requests in flight, then stopping/);
    expect(stderr).toMatch(/stopped/);
    expect(stdout).toMatch(/"statusCode":200/);
    for (const secret of ['Maplewood', '312-555', token.slice(17), 'Officer']) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  });
});
