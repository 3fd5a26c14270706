import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExamples, policyCheck, policyTest, type PolicyTestReport } from '../src/cli/policy.js';
import { PolicyLoadError } from '../src/core/policy/policy.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-policy-'));
const DEFAULT_YAML = join(import.meta.dirname, '..', 'policies', 'default.yaml');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, write: (s: string) => void out.push(s), warn: (s: string) => void err.push(s) };
}

const FULL_DOX = 'Judge Karen Lowe lives at 4417 S Wood St, Chicago, IL 60609, her cell is 773-555-0148. Everyone should know.';
const THREAT = "I'm going to shoot you, Mark, tomorrow after work.";
const BENIGN = 'Great game last night, the defense was unreal.';

const posts = file(
  'posts.jsonl',
  [
    JSON.stringify({ id: 'p-dox', text: FULL_DOX, labels: { dox: true, threat: false, bounty: false } }),
    JSON.stringify({ id: 'p-threat', text: THREAT, labels: { dox: false, threat: true, bounty: false } }),
    JSON.stringify({ id: 'p-benign', text: BENIGN, labels: { dox: false, threat: false, bounty: false } }),
    'not json',
    JSON.stringify({ id: 'p-plain', text: BENIGN, source: 'forum' }),
  ].join('\n') + '\n',
);

const stricter = file(
  'stricter.yaml',
  `name: stricter
version: "2.0"
rules:
  - name: threat-remove
    state: live
    when: threat.flagged
    action: remove
  - name: dox-full
    state: live
    when: dox.flagged && "home_address" in dox.disclosed
    action: remove
  - name: forum-label
    state: shadow
    when: source == "forum"
    action: label
  - name: everything
    state: disabled
    when: "true"
    action: hide
`,
);

describe('bulwark policy check', () => {
  it('accepts a valid policy and summarizes it', () => {
    const io = capture();
    expect(policyCheck(stricter, io.write, io.warn)).toBe(true);
    expect(io.out).toEqual([`${stricter}: ok — stricter@2.0, 4 rule(s): 2 live, 1 shadow, 1 disabled`]);
    expect(policyCheck(DEFAULT_YAML, io.write, io.warn)).toBe(true);
  });

  it('lists every problem with file, line, column and rule', () => {
    const bad = file('bad.yaml', 'name: bad\nversion: 1\nrules:\n  - name: a\n    state: live\n    when: dox.flaged\n    action: nuke\n');
    const io = capture();
    expect(policyCheck(bad, io.write, io.warn)).toBe(false);
    expect(io.err).toEqual([
      `${bad}:6:15: rule "a": when: unknown field flaged (dox has flagged, score, threshold, disclosed)`,
      `${bad}:7:13: rule "a": unknown action "nuke" (one of allow, label, review, hide, remove, escalate)`,
      `${bad}: 2 problem(s); policy not loaded`,
    ]);
  });

  it('refuses a file that is not UTF-8 and lets a missing file fail as such', () => {
    const io = capture();
    expect(policyCheck(file('latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a])), io.write, io.warn)).toBe(false);
    expect(io.err[0]).toMatch(/not valid UTF-8/);
    expect(() => policyCheck(join(dir, 'missing.yaml'), io.write, io.warn)).toThrow(/ENOENT/);
  });
});

describe('bulwark policy test', () => {
  it('backtests against the live policy: per rule, per action, and the changes', async () => {
    const io = capture();
    const report = await policyTest({ policy: stricter, data: [posts], json: true }, io.write, io.warn);
    expect(JSON.parse(io.out[0]!)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(report).toMatchObject({ policy: { id: 'stricter@2.0', origin: stricter }, live: { id: 'default@1', origin: 'built-in' }, posts: 4, unreadable: 1 });
    expect(io.err).toEqual([`bulwark policy test: ${posts}:4: invalid JSON; line skipped`]);
    expect(report.rules).toEqual([
      { rule: 'threat-remove', state: 'live', action: 'remove', matched: 1, decided: 1, errors: 0 },
      { rule: 'dox-full', state: 'live', action: 'remove', matched: 1, decided: 1, errors: 0 },
      { rule: 'forum-label', state: 'shadow', action: 'label', matched: 1, decided: 0, errors: 0 },
      { rule: 'everything', state: 'disabled', action: 'hide', matched: 0, decided: 0, errors: 0 },
    ]);
    expect(report.actions).toMatchObject({ allow: { policy: 2, live: 2 }, review: { policy: 0, live: 1 }, remove: { policy: 2, live: 1 } });
    expect(report.changes).toEqual([{ from: 'review', to: 'remove', posts: 1, examples: ['p-threat'] }]);
    expect(report.gold?.remove).toEqual({ none: 0, dox: 1, threat: 1, bounty: 0 });
    expect(report.gold?.allow).toEqual({ none: 1, dox: 0, threat: 0, bounty: 0 });
  });

  it('finds no change when the policy is the live one, and prints readable tables', async () => {
    const copy = join(dir, 'default-copy.yaml');
    copyFileSync(DEFAULT_YAML, copy);
    const io = capture();
    const report: PolicyTestReport = await policyTest({ policy: copy, data: [posts] }, io.write, io.warn);
    expect(report.changes).toEqual([]);
    const text = io.out.join('\n');
    expect(text).toContain('policy  default@1');
    expect(text).toContain('no change against the live policy');
    expect(text).toMatch(/dox-full\s+live\s+remove\s+1\s+1\s+0/);
    expect(text).not.toContain('Karen');
  });

  it('compares with another live policy when given one', async () => {
    const io = capture();
    const report = await policyTest({ policy: DEFAULT_YAML, live: stricter, data: [posts], examples: 0 }, io.write, io.warn);
    expect(report.live.id).toBe('stricter@2.0');
    expect(report.changes).toEqual([{ from: 'remove', to: 'review', posts: 1, examples: [] }]);
  });

  it('takes a whole number of examples', () => {
    expect(parseExamples('0')).toBe(0);
    expect(parseExamples('12')).toBe(12);
    for (const bad of ['-1', '1.5', 'x', '']) expect(() => parseExamples(bad), bad).toThrow(/whole number/);
  });

  it('refuses to run an invalid policy', async () => {
    const bad = file('bad-test.yaml', 'name: x\nversion: 1\nrules:\n  - name: a\n    state: live\n    when: nope\n    action: review\n');
    await expect(policyTest({ policy: bad, data: [posts] }, () => {}, () => {})).rejects.toBeInstanceOf(PolicyLoadError);
  });
});
