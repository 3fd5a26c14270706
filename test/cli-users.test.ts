import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/keys/passwords.js';
import { Store } from '../src/store/store.js';
import { findUserByName } from '../src/store/users.js';

// `bulwark users …` as an operator runs it: the built CLI on a SQLite file.
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-users-'));
const db = join(dir, 'bulwark.db');
const common = ['--db', db, '--key-file', join(dir, 'bulwark.key'), '--actor', 'cli:ops'];

function run(args: string[], input?: string, options = common) {
  const r = spawnSync(process.execPath, [CLI, ...args, ...options], { input, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bulwark users', () => {
  let store: Store;
  beforeAll(() => {
    expect(run(['users', 'list', '--json']).out.trim()).toBe('[]');
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates accounts: a generated password printed once, or one read from stdin and never echoed', async () => {
    const generated = run(['users', 'create', '--username', 'Ana', '--role', 'admin']);
    expect(generated.code, generated.err).toBe(0);
    const password = generated.out.trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(generated.err).toMatch(/created admin ana \(id 1\).*shown only now/);

    const chosen = run(['users', 'create', '--username', 'ben', '--role', 'reviewer', '--password-stdin'], 'a passphrase of my own\nsecond line ignored\n');
    expect(chosen.code, chosen.err).toBe(0);
    expect(chosen.out).toBe('');
    expect(chosen.err).not.toContain('passphrase');

    store = await Store.open(db);
    const ana = await findUserByName(store, 'ana');
    const ben = await findUserByName(store, 'ben');
    expect(ana?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(ana?.passwordHash, password)).toBe(true);
    expect(await verifyPassword(ben?.passwordHash, 'a passphrase of my own')).toBe(true);
    expect(await verifyPassword(ben?.passwordHash, 'a passphrase of my own\nsecond line ignored')).toBe(false);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.created').orderBy('seq').execute();
    expect(audit.map((e) => [e.actor, JSON.parse(e.details_json)])).toEqual([
      ['cli:ops', { username: 'ana', role: 'admin' }],
      ['cli:ops', { username: 'ben', role: 'reviewer' }],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${password}|passphrase`));
  });

  it('refuses a taken username, an unknown role and a short password, clearly', () => {
    expect(run(['users', 'create', '--username', 'ANA', '--role', 'reviewer'])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/username "ana" is already taken/) });
    expect(run(['users', 'create', '--username', 'cy', '--role', 'ingest'])).toMatchObject({ code: 2, err: expect.stringMatching(/--role must be one of reviewer, admin/) });
    expect(run(['users', 'create', '--username', 'cy', '--role', 'reviewer', '--password-stdin'], 'short\n')).toMatchObject({ code: 2, err: expect.stringMatching(/password is 12 to 256 characters/) });
    expect(run(['users', 'create', '--username', 'no spaces', '--role', 'reviewer'])).toMatchObject({ code: 2, err: expect.stringMatching(/a username is 1 to 64 letters/) });
  });

  it('lists accounts without passwords and disables one for good', () => {
    const table = run(['users', 'list']);
    expect(table.out).toMatch(/ana\s+admin/);
    expect(table.out).toMatch(/ben\s+reviewer/);
    expect(table.out).not.toMatch(/argon2/);
    expect(run(['users', 'disable', 'BEN'])).toMatchObject({ code: 0, out: expect.stringMatching(/disabled user ben \(id 2\)/) });
    expect(run(['users', 'disable', 'ben'])).toMatchObject({ code: 1, out: expect.stringMatching(/no active user ben/) });
    const listed = JSON.parse(run(['users', 'list', '--json']).out) as { username: string; disabledAt: number | null }[];
    expect(listed.map((u) => [u.username, u.disabledAt === null])).toEqual([
      ['ana', true],
      ['ben', false],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/argon2|passwordHash/);
  });

  it('checks --session-idle-minutes before serving', () => {
    expect(run(['serve', '--port', '0', '--session-idle-minutes', '0'], undefined, common.slice(0, 4))).toMatchObject({ code: 2, err: expect.stringMatching(/--session-idle-minutes must be a whole number from 1 to 720/) });
  });
});
