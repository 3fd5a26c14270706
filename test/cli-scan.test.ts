import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../src/core/limits.js';

// Runs the built CLI (npm test builds first), as a user would.
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-'));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return { code: r.status, out: lines.map((l) => JSON.parse(l) as Record<string, unknown>), err: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const post = 'Judge Karen Lowe, cell 773-555-0148, lives at 4417 S Wood St, Chicago, IL 60609';

describe('bulwark scan', () => {
  it('reads JSONL and writes one line per post with offsets into the original text', () => {
    const path = file('ok.jsonl', JSON.stringify({ id: 'p1', text: post }) + '\n' + JSON.stringify({ id: 'p2', text: 'nothing here' }) + '\n');
    const r = run(['scan', path]);
    expect(r.code).toBe(0);
    expect(r.out.map((o) => o.id)).toEqual(['p1', 'p2']);
    const findings = r.out[0]?.findings as { type: string; start: number; end: number }[];
    const phone = findings.find((f) => f.type === 'phone');
    expect(phone && post.slice(phone.start, phone.end)).toBe('773-555-0148');
    expect(r.out[1]?.findings).toEqual([]);
    expect(r.out[0]).toMatchObject({ line: 1, engine: expect.any(String) });
  });

  it('reports each bad line with its number, skips it, keeps the rest and exits 1', () => {
    const good = JSON.stringify({ id: 'g', text: 'hello' });
    const huge = JSON.stringify({ id: 'h', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) });
    const content = Buffer.concat([
      Buffer.from(`${good}\nnot json\n{"id":"m"}\n`),
      Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
      Buffer.from(`${huge}\n[1,2]\n${good}\n`),
    ]);
    const r = run(['scan', file('bad.jsonl', content)]);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(2);
    expect(r.out.map((o) => o.line)).toEqual([1, 7]);
    const errors = r.err.split('\n').filter((l) => l.includes('skipped'));
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/bad\.jsonl:2: invalid JSON/);
    expect(errors[1]).toMatch(/:3: missing string field "text"/);
    expect(errors[2]).toMatch(/:4: invalid UTF-8/);
    expect(errors[3]).toMatch(/:5: text is \d+ UTF-16 code units, over the limit/);
    expect(errors[4]).toMatch(/:6: expected a JSON object/);
    expect(r.err).not.toContain('xxxx');
  });

  it('reads CSV with --text-column, including quoted multi-line fields', () => {
    const path = file('posts.csv', `post_id,body\n1,"${post.replace(/"/g, '""')}"\n2,"two\nlines"\n`);
    const r = run(['scan', path, '--text-column', 'body', '--id-column', 'post_id']);
    expect(r.code).toBe(0);
    expect(r.out.map((o) => [o.id, o.line])).toEqual([
      ['1', 2],
      ['2', 3],
    ]);
    expect((r.out[0]?.findings as unknown[]).length).toBeGreaterThan(0);
  });

  it('fails clearly when the CSV has no such column', () => {
    const r = run(['scan', file('nocol.csv', 'a,b\n1,2\n')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no column "text".*--text-column/);
  });

  it('reads plain text, one post per line, and stdin with -', () => {
    const r = run(['scan', file('posts.txt', `${post}\n\nsecond line\n`)]);
    expect(r.out.map((o) => o.id)).toEqual(['line:1', 'line:3']);
    const s = run(['scan', '-'], JSON.stringify({ id: 's', text: post }) + '\n');
    expect(s.out[0]?.id).toBe('s');
  });

  it('--redact adds redacted text and never the canonical values', () => {
    const r = run(['scan', '-', '--redact'], JSON.stringify({ id: 'r', text: post }) + '\n');
    const line = r.out[0] as { redacted: string; findings: Record<string, unknown>[] };
    expect(line.redacted).toContain('[phone]');
    expect(line.redacted).not.toContain('773-555-0148');
    expect(line.findings.every((f) => !('canonical' in f))).toBe(true);
    const masked = run(['scan', '-', '--redact', 'mask'], JSON.stringify({ id: 'r', text: post }) + '\n');
    expect((masked.out[0] as { redacted: string }).redacted).toContain('•••-•••-••••');
  });

  it('exits 2 with a clear message for a missing file', () => {
    const r = run(['scan', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file/);
  });
});
