import { createReadStream } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { analyze } from '../core/analyze.js';
import { ACTIONS, LABELS, type Action, type Label } from '../core/assess/result.js';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import { factsFrom } from '../core/policy/facts.js';
import { formatProblem, PolicyLoadError, type Policy, type RuleState } from '../core/policy/policy.js';
import { readPolicyFile } from '../policy-file.js';
import { readPosts } from './input/posts.js';
import { renderTable } from './table.js';

export interface PolicyTestOptions {
  /** The policy file to try. */
  readonly policy: string;
  /** JSONL files of posts: labelled sets or {id, text, source?, channel?} lines. */
  readonly data: readonly string[];
  /** The policy to compare with; the built-in default when absent. */
  readonly live?: string;
  readonly json?: boolean;
  /** Example post ids listed per change (default 5). */
  readonly examples?: number;
}

export interface RuleTally {
  readonly rule: string;
  readonly state: RuleState;
  readonly action: Action;
  /** Posts on which the condition held (for a shadow rule: would have held). */
  readonly matched: number;
  /** Posts whose action this rule chose (live rules only). */
  readonly decided: number;
  /** Posts on which the condition failed to evaluate. */
  readonly errors: number;
}

export interface ActionChange {
  readonly from: Action;
  readonly to: Action;
  readonly posts: number;
  readonly examples: readonly string[];
}

export interface PolicyTestReport {
  readonly policy: { readonly id: string; readonly origin: string };
  readonly live: { readonly id: string; readonly origin: string };
  readonly posts: number;
  /** Lines that could not be read (each reported on stderr). */
  readonly unreadable: number;
  readonly rules: readonly RuleTally[];
  /** Posts per action under the tried policy and under the live one. */
  readonly actions: Readonly<Record<Action, { readonly policy: number; readonly live: number }>>;
  /** Posts whose action differs from the live policy's, by from → to, most posts first. */
  readonly changes: readonly ActionChange[];
  /** For labelled posts: under the tried policy, posts per action by gold label (`none`: no label). */
  readonly gold?: Readonly<Record<Action, Readonly<Record<Label | 'none', number>>>>;
}

/** Parses `--examples`: a whole number of example ids to list per change. */
export function parseExamples(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return n;
}

/** `bulwark policy check FILE`: true when the policy loads; every problem goes to `err`, one per line. */
export function policyCheck(file: string, out: (s: string) => void, err: (s: string) => void): boolean {
  let policy: Policy;
  try {
    policy = readPolicyFile(file);
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    for (const p of error.problems) err(formatProblem(file, p));
    err(`${file}: ${error.problems.length} problem(s); policy not loaded`);
    return false;
  }
  const count = (state: RuleState) => policy.rules.filter((r) => r.state === state).length;
  out(`${file}: ok — ${policy.id}, ${policy.rules.length} rule(s): ${count('live')} live, ${count('shadow')} shadow, ${count('disabled')} disabled`);
  return true;
}

/**
 * `bulwark policy test`: analyzes every post once, decides it under the tried policy and under
 * the live one, and reports matches per rule, posts per action and what changes.
 */
export async function policyTest(options: PolicyTestOptions, out: (s: string) => void, err: (s: string) => void): Promise<PolicyTestReport> {
  const policy = readPolicyFile(options.policy);
  const live = options.live === undefined ? DEFAULT_POLICY : readPolicyFile(options.live);
  const maxExamples = options.examples ?? 5;
  const tallies = new Map(policy.rules.map((r) => [r.name, { rule: r.name, state: r.state, action: r.action, matched: 0, decided: 0, errors: 0 }]));
  const actions = Object.fromEntries(ACTIONS.map((a) => [a, { policy: 0, live: 0 }])) as Record<Action, { policy: number; live: number }>;
  const changes = new Map<string, { from: Action; to: Action; posts: number; examples: string[] }>();
  const gold = new Map<Action, Record<Label | 'none', number>>();
  let posts = 0;
  let unreadable = 0;

  for (const file of options.data) {
    for await (const item of readPosts(createReadStream(file), { format: 'jsonl', textField: 'text', idField: 'id' })) {
      if (item.kind === 'error') {
        unreadable++;
        err(`bulwark policy test: ${file}:${item.line}: ${item.reason}; line skipped`);
        continue;
      }
      posts++;
      const result = analyze({ id: item.id, text: item.text });
      const facts = factsFrom(result, { source: stringField(item.fields, 'source'), channel: stringField(item.fields, 'channel') });
      const decision = evaluatePolicy(policy, facts);
      const before = evaluatePolicy(live, facts).action;
      for (const m of [...decision.matched, ...decision.shadow]) count(tallies, m.rule, 'matched');
      for (const rule of decision.decidedBy) count(tallies, rule, 'decided');
      for (const e of decision.errors) count(tallies, e.rule, 'errors');
      actions[decision.action].policy++;
      actions[before].live++;
      if (decision.action !== before) {
        const key = `${before}>${decision.action}`;
        const change = changes.get(key) ?? { from: before, to: decision.action, posts: 0, examples: [] };
        change.posts++;
        if (change.examples.length < maxExamples) change.examples.push(item.id);
        changes.set(key, change);
      }
      const labels = goldLabels(item.fields);
      if (labels) {
        const row = gold.get(decision.action) ?? { none: 0, dox: 0, threat: 0, bounty: 0 };
        if (labels.length === 0) row.none++;
        for (const label of labels) row[label]++;
        gold.set(decision.action, row);
      }
    }
  }

  const report: PolicyTestReport = {
    policy: { id: policy.id, origin: policy.origin },
    live: { id: live.id, origin: live.origin },
    posts,
    unreadable,
    rules: [...tallies.values()],
    actions,
    changes: [...changes.values()].sort((a, b) => b.posts - a.posts),
    ...(gold.size === 0 ? {} : { gold: Object.fromEntries(ACTIONS.map((a) => [a, gold.get(a) ?? { none: 0, dox: 0, threat: 0, bounty: 0 }])) as PolicyTestReport['gold'] }),
  };
  out(options.json ? JSON.stringify(report) : renderReport(report));
  return report;
}

function count(tallies: Map<string, { matched: number; decided: number; errors: number }>, rule: string, key: 'matched' | 'decided' | 'errors'): void {
  const t = tallies.get(rule);
  if (t) t[key]++;
}

const stringField = (fields: Readonly<Record<string, unknown>>, key: string): string | undefined => {
  const v = fields[key];
  return typeof v === 'string' ? v : undefined;
};

/** The gold labels of a labelled record (shared/data/FORMAT.md), or undefined for a plain post. */
function goldLabels(fields: Readonly<Record<string, unknown>>): Label[] | undefined {
  const labels = fields.labels;
  if (typeof labels !== 'object' || labels === null) return undefined;
  return LABELS.filter((l) => (labels as Record<string, unknown>)[l] === true);
}

function renderReport(r: PolicyTestReport): string {
  const sections = [
    [`policy  ${r.policy.id} (${r.policy.origin})`, `live    ${r.live.id} (${r.live.origin})`, `posts   ${r.posts}${r.unreadable > 0 ? ` (${r.unreadable} unreadable line(s) skipped)` : ''}`].join('\n'),
    renderTable(
      ['rule', 'state', 'action', 'matched', 'decided', 'errors'],
      r.rules.map((t) => [t.rule, t.state, t.action, String(t.matched), t.state === 'live' ? String(t.decided) : '-', String(t.errors)]),
    ),
    renderTable(
      ['action', 'policy', 'live', 'change'],
      ACTIONS.map((a) => {
        const { policy, live } = r.actions[a];
        const delta = policy - live;
        return [a, String(policy), String(live), delta === 0 ? '0' : `${delta > 0 ? '+' : ''}${delta}`];
      }),
    ),
    r.changes.length === 0
      ? 'no change against the live policy'
      : `changes against the live policy: ${r.changes.reduce((n, c) => n + c.posts, 0)} post(s)\n` +
        renderTable(
          ['from', 'to', 'posts', 'examples'],
          r.changes.map((c) => [c.from, c.to, String(c.posts), c.examples.join(', ')]),
        ),
  ];
  if (r.gold) {
    const gold = r.gold;
    sections.push(
      'posts per action by gold label (labelled records)\n' +
        renderTable(
          ['action', 'none', ...LABELS],
          ACTIONS.map((a) => [a, String(gold[a].none), ...LABELS.map((l) => String(gold[a][l]))]),
        ),
    );
  }
  return sections.join('\n\n');
}
