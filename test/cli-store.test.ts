import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

// The store commands, run as a user runs them: the built CLI on a SQLite file.
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-store-'));
const db = join(dir, 'bulwark.db');
const common = ['--db', db, '--key-file', join(dir, 'bulwark.key')];

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args, ...common], { input, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bulwark watchlist, ingest, audit, purge', () => {
  it('imports protected persons all-or-nothing and never lists identifiers', () => {
    writeFileSync(join(dir, 'bad.csv'), 'label,field,value\nJudge A,name,Lucía Arredondo\nJudge A,shoe size,42\n');
    const bad = run(['watchlist', 'import', join(dir, 'bad.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.csv: line 3: unknown field "shoe size"/);
    expect(run(['watchlist', 'list', '--json']).out.trim()).toBe('[]');

    writeFileSync(join(dir, 'ok.csv'), 'label,field,value\nJudge A,name,Lucía Arredondo\nJudge A,phone,773-555-0133\nJudge A,address,"6012 S Kolin Ave, Chicago IL 60629"\n');
    expect(run(['watchlist', 'import', join(dir, 'ok.csv')]).code).toBe(0);
    const list = run(['watchlist', 'list']);
    expect(list.out).toContain('Judge A');
    expect(list.out).not.toMatch(/Arredondo|0133|Kolin/);
  });

  it('ingests JSONL, reports each outcome, and is idempotent', () => {
    const posts = [
      JSON.stringify({ source: 'forum', id: '1', text: 'Judge Lucía Arredondo lives at 6012 S Kolin Ave. call her 773-555-0133' }),
      JSON.stringify({ source: 'forum', id: '2', text: 'nice weather today' }),
      JSON.stringify({ id: '3', text: 'no source' }),
    ].join('\n');
    const first = run(['ingest', '-'], posts);
    const outcomes = first.out.trim().split('\n').map((l) => JSON.parse(l) as { status: string; caseId?: number; severity?: string });
    expect(outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'rejected']);
    expect(outcomes[0]?.caseId).toBeDefined();
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/2 stored, 0 duplicate, 1 rejected/);
    const again = run(['ingest', '-'], posts);
    expect(again.err).toMatch(/0 stored, 2 duplicate, 1 rejected/);
  });

  it('verifies the audit chain and names the first broken entry', () => {
    expect(run(['audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringMatching(/audit log intact: \d+ entries/) });
    const raw = new BetterSqlite3(db);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details_json = '{}' WHERE seq = 1");
    raw.close();
    expect(run(['audit', 'verify'])).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at entry #1/) });
  });

  it('purges post text and rejects a malformed duration clearly', () => {
    expect(run(['purge', '--older-than', 'ninety days'])).toMatchObject({ code: 2, err: expect.stringMatching(/invalid duration/) });
    expect(run(['purge', '--older-than', '0d']).out).toMatch(/purged the text of 2 post/);
    const raw = new BetterSqlite3(db);
    expect(raw.prepare('select count(*) n from posts where text is not null').get()).toEqual({ n: 0 });
    raw.close();
  });
});
