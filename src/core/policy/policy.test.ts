import { describe, expect, it } from 'vitest';
import type { Action, Labels } from '../assess/result.js';
import { evaluatePolicy } from './evaluate.js';
import { factsFrom, type AnalysisFacts, type FactsContext } from './facts.js';
import { loadPolicy, PolicyLoadError, type PolicyProblem } from './policy.js';

const labelled = (o: { dox?: boolean; threat?: boolean; bounty?: boolean } = {}): Labels => ({
  dox: { flagged: o.dox ?? false, score: o.dox ? 0.9 : 0.1, threshold: 0.5, evidence: [], explanation: '', disclosed: o.dox ? ['home_address'] : [] },
  threat: { flagged: o.threat ?? false, score: o.threat ? 0.9 : 0.1, threshold: 0.5, evidence: [], explanation: '' },
  bounty: { flagged: o.bounty ?? false, score: o.bounty ? 0.9 : 0.1, threshold: 0.5, evidence: [], explanation: '' },
});

const result = (labels: Labels = labelled(), watchlist: AnalysisFacts['watchlist'] = []): AnalysisFacts => ({
  labels,
  severity: 'none',
  findings: [],
  watchlist,
  language: 'en',
  mixedLanguage: false,
});

const facts = (o: Parameters<typeof labelled>[0] = {}, watchlist: AnalysisFacts['watchlist'] = [], context: FactsContext = {}) => factsFrom(result(labelled(o), watchlist), context);

/** A policy text with the given rules (each a YAML mapping in flow style or block lines). */
const policyText = (...rules: string[]) => `name: test\nversion: 3\nrules:\n${rules.map((r) => `  - ${r.replace(/\n/g, '\n    ')}`).join('\n')}\n`;

const rule = (name: string, when: string, action: Action, extra = '') => `name: ${name}\nstate: live\nwhen: ${JSON.stringify(when)}\naction: ${action}${extra}`;

function problemsOf(text: string): readonly PolicyProblem[] {
  try {
    loadPolicy(text, 'p.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyLoadError);
    return (error as PolicyLoadError).problems;
  }
  throw new Error('policy loaded, expected problems');
}

function messageOf(text: string): string {
  try {
    loadPolicy(text, 'p.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('policy loaded, expected an error');
}

describe('loadPolicy: rejected policies say which rule, where and why', () => {
  it('reports YAML syntax errors with their line and column', () => {
    const [p] = problemsOf('name: x\nversion: 1\nrules: [\n  {name: a\n');
    expect(p).toMatchObject({ code: 'yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(messageOf('name: x\nversion: 1\nversion: 2\nrules: []\n')).toMatch(/p\.yaml:3:1: YAML: map keys must be unique/);
    expect(messageOf('name: x\nversion: 1\nrules: []\n---\nname: y\n')).toContain('p.yaml:4:1: YAML: a policy file holds one document');
  });

  it('reports a CEL syntax error at its place in the file and in the expression', () => {
    const text = policyText(rule('ok', 'dox.flagged', 'review'), rule('broken', 'dox.flagged && (threat.flagged', 'remove'));
    const [p] = problemsOf(text);
    expect(p).toMatchObject({ code: 'syntax', rule: 'broken', line: 10, expressionOffset: 30 });
    // `    when: "` is 11 characters; the error is at the end of the expression.
    expect(p?.column).toBe(12 + 30);
    expect(messageOf(text)).toContain('p.yaml:10:42: rule "broken": when: syntax error');
  });

  it('reports an unknown variable and lists the facts', () => {
    const [p] = problemsOf(policyText(rule('typo', 'threat.flagged || doxx.flagged', 'review')));
    expect(p).toMatchObject({ code: 'unknown_variable', rule: 'typo', line: 6, expressionOffset: 18 });
    expect(p?.message).toMatch(/unknown variable: doxx \(facts: dox, threat, bounty/);
  });

  it('reports an unknown field of a fact and lists its fields', () => {
    const [p] = problemsOf(policyText(rule('field', 'dox.flaged', 'review')));
    expect(p).toMatchObject({ code: 'unknown_field', rule: 'field', expressionOffset: 4 });
    expect(p?.message).toContain('unknown field flaged (dox has flagged, score, threshold, disclosed)');
    expect(problemsOf(policyText(rule('f', 'findings.phones > 0', 'review')))[0]?.code).toBe('unknown_field');
  });

  it('reports wrong types and conditions that are not bool', () => {
    expect(problemsOf(policyText(rule('t', 'language == 1', 'review')))[0]).toMatchObject({ code: 'type', rule: 't' });
    expect(problemsOf(policyText(rule('t', 'dox.disclosed + 1 > 0', 'review')))[0]).toMatchObject({ code: 'type' });
    const [p] = problemsOf(policyText(rule('count', 'findings.phone', 'review')));
    expect(p).toMatchObject({ code: 'type', rule: 'count' });
    expect(p?.message).toContain('must be a condition (bool), but this expression gives int');
  });

  it('refuses comparisons with a value a fact never takes', () => {
    const cases = ['severity == "hgih"', '"home_adress" in dox.disclosed', 'language in ["en", "fr"]', 'bounty.kind != "harmful"', 'dox.disclosed.exists(k, k == "adress")', 'watchlist.fields.all(f, f in ["plate", "licence"])'];
    for (const when of cases) expect(problemsOf(policyText(rule('v', when, 'review')))[0], when).toMatchObject({ code: 'unknown_value', rule: 'v' });
    const [p] = problemsOf(policyText(rule('v', 'severity == "hgih"', 'review')));
    expect(p?.message).toContain('"hgih" is never a value of severity ("none", "low", "medium", "high", "critical")');
    expect(p?.expressionOffset).toBe(12);
    const valid = ['severity in ["high", "critical"]', '"home_address" in dox.disclosed', 'dox.disclosed.exists(severity, severity == "phone")', 'severity.startsWith("hi")', 'bounty.kind == ""'];
    for (const when of valid) expect(() => loadPolicy(policyText(rule('v', when, 'review')), 'p.yaml'), when).not.toThrow();
  });

  it('maps expression offsets inside a literal block to the right line and column', () => {
    const text = 'name: x\nversion: 1\nrules:\n  - name: block\n    state: live\n    when: |\n      dox.flagged &&\n        bountty.flagged\n    action: review\n';
    expect(problemsOf(text)[0]).toMatchObject({ code: 'unknown_variable', line: 8, column: 9 });
  });

  it('reports unknown actions, states and notify targets at their value', () => {
    const text = policyText(`name: a\nstate: on\nwhen: dox.flagged\naction: delete\nnotify: [police]`);
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.code, p.rule, p.line])).toEqual([
      ['unknown_state', 'a', 5],
      ['unknown_action', 'a', 7],
      ['unknown_notify', 'a', 8],
    ]);
    expect(problems[1]?.message).toBe('unknown action "delete" (one of allow, label, review, hide, remove, escalate)');
  });

  it('reports a duplicate rule name at the second one, pointing at the first', () => {
    const [p] = problemsOf(policyText(rule('same', 'dox.flagged', 'review'), rule('same', 'threat.flagged', 'review')));
    expect(p).toMatchObject({ code: 'duplicate_rule', rule: 'same', line: 8 });
    expect(p?.message).toContain('first defined at line 4');
  });

  it('reports missing fields, naming a rule without a name by its place', () => {
    expect(problemsOf('version: 1\nrules: []\n')[0]).toMatchObject({ code: 'missing_field', message: 'missing "name"' });
    expect(problemsOf('name: x\nrules: []\n')[0]).toMatchObject({ code: 'missing_field', message: expect.stringContaining('"version"') });
    expect(problemsOf('name: x\nversion: 1\n')[0]).toMatchObject({ code: 'missing_field', message: expect.stringContaining('"rules"') });
    const problems = problemsOf(policyText('state: live\nwhen: dox.flagged', 'name: b\nwhen: dox.flagged\naction: review'));
    expect(problems.map((p) => [p.code, p.rule, p.message])).toEqual([
      ['missing_field', '#1', 'missing "name"'],
      ['missing_field', '#1', 'missing "action" (one of allow, label, review, hide, remove, escalate)'],
      ['missing_field', 'b', 'missing "state" (one of live, shadow, disabled)'],
    ]);
    expect(problemsOf(policyText('name: c\nstate: live\naction: review'))[0]).toMatchObject({ rule: 'c', message: 'missing "when" (a CEL condition)' });
  });

  it('reports unknown fields and badly shaped values', () => {
    expect(problemsOf(policyText(rule('a', 'dox.flagged', 'review', '\nnotfy: [reviewers]')))[0]).toMatchObject({ code: 'unknown_field', rule: 'a', line: 8 });
    expect(problemsOf('name: x\nversion: 1.10\nrules: []\n')[0]).toMatchObject({ code: 'invalid_value', line: 2, message: expect.stringContaining('quote "1.10"') });
    expect(problemsOf('name: has space\nversion: 1\nrules: []\n')[0]).toMatchObject({ code: 'invalid_value' });
    expect(problemsOf(policyText('name: a\nstate: live\nwhen: true\naction: review'))[0]).toMatchObject({ code: 'invalid_value', message: expect.stringContaining('quote literals') });
    expect(problemsOf('- just a list\n')[0]).toMatchObject({ code: 'invalid_value' });
    expect(problemsOf('')[0]).toMatchObject({ code: 'invalid_value' });
  });

  it('reports every problem at once, in file order', () => {
    const problems = problemsOf(policyText(rule('a', 'nope', 'review'), rule('b', 'dox.flagged', 'delete' as Action)));
    expect(problems.map((p) => p.rule)).toEqual(['a', 'b']);
    expect(problems.map((p) => p.line)).toEqual([...problems.map((p) => p.line)].sort((x, y) => x - y));
  });

  it('compiles disabled rules too, so a broken rule cannot hide until it is switched on', () => {
    expect(problemsOf(policyText('name: off\nstate: disabled\nwhen: "dox.flaged"\naction: review'))[0]).toMatchObject({ rule: 'off', code: 'unknown_field' });
  });

  it('refuses oversized policies and expressions', () => {
    expect(problemsOf(`# ${'x'.repeat(300_000)}\n`)[0]?.code).toBe('too_large');
    expect(problemsOf(policyText(rule('long', Array.from({ length: 800 }, () => 'dox.flagged').join(' || '), 'review')))[0]).toMatchObject({ rule: 'long', code: 'too_large' });
  });
});

describe('loadPolicy: a valid policy', () => {
  const text = policyText(
    rule('dox', 'dox.flagged', 'review'),
    rule('threat', 'threat.flagged', 'hide', '\nnotify: [reviewers, reviewers]\ndescription: hide threats'),
    `name: off\nstate: disabled\nwhen: "true"\naction: escalate`,
  );
  const policy = loadPolicy(text, 'p.yaml');

  it('keeps the rules in order with their fields and positions', () => {
    expect(policy).toMatchObject({ name: 'test', version: '3', id: 'test@3', origin: 'p.yaml' });
    expect(policy.rules.map((r) => [r.name, r.state, r.action, r.position.line])).toEqual([
      ['dox', 'live', 'review', 4],
      ['threat', 'live', 'hide', 8],
      ['off', 'disabled', 'escalate', 14],
    ]);
    expect(policy.rules[1]).toMatchObject({ notify: ['reviewers'], description: 'hide threats', when: 'threat.flagged' });
  });

  it('serializes to JSON without compiled code', () => {
    const json = JSON.parse(JSON.stringify(policy)) as { rules: Record<string, unknown>[] };
    expect(json.rules[0]).toEqual({ name: 'dox', state: 'live', when: 'dox.flagged', action: 'review', notify: [], position: { line: 4, column: 5 } });
  });

  it('accepts a string version', () => {
    expect(loadPolicy('name: x\nversion: "2.10-rc1"\nrules: []\n', 'x').id).toBe('x@2.10-rc1');
  });
});

describe('evaluatePolicy', () => {
  it('records the policy version with every decision', () => {
    const policy = loadPolicy(policyText(rule('dox', 'dox.flagged', 'review')), 'p.yaml');
    expect(evaluatePolicy(policy, facts()).policyVersion).toBe('test@3');
    expect(evaluatePolicy(policy, facts({ dox: true })).policyVersion).toBe('test@3');
  });

  it('allows when no rule matches', () => {
    const policy = loadPolicy(policyText(rule('dox', 'dox.flagged', 'remove')), 'p.yaml');
    expect(evaluatePolicy(policy, facts())).toEqual({ policyVersion: 'test@3', action: 'allow', decidedBy: [], matched: [], shadow: [], shadowAction: 'allow', notifications: [], errors: [] });
  });

  it('takes the most severe action among matching live rules, whatever their order', () => {
    const rules = [rule('hide', 'threat.flagged', 'hide'), rule('label', 'threat.flagged', 'label'), rule('remove', 'dox.flagged', 'remove'), rule('allow', 'true', 'allow')];
    for (const order of [rules, [...rules].reverse()]) {
      const policy = loadPolicy(policyText(...order), 'p.yaml');
      expect(evaluatePolicy(policy, facts({ threat: true })).action).toBe('hide');
      expect(evaluatePolicy(policy, facts({ threat: true, dox: true })).action).toBe('remove');
      expect(evaluatePolicy(policy, facts()).action).toBe('allow');
    }
    const policy = loadPolicy(policyText(...rules), 'p.yaml');
    const d = evaluatePolicy(policy, facts({ threat: true }));
    expect(d.decidedBy).toEqual(['hide']);
    expect(d.matched.map((m) => m.rule)).toEqual(['hide', 'label', 'allow']);
  });

  it('names every live rule that asked for the winning action', () => {
    const policy = loadPolicy(policyText(rule('a', 'dox.flagged', 'remove'), rule('b', 'dox.flagged', 'remove'), rule('c', 'dox.flagged', 'review')), 'p.yaml');
    expect(evaluatePolicy(policy, facts({ dox: true })).decidedBy).toEqual(['a', 'b']);
  });

  it('orders actions allow < label < review < hide < remove < escalate', () => {
    const order: Action[] = ['allow', 'label', 'review', 'hide', 'remove', 'escalate'];
    for (let i = 1; i < order.length; i++) {
      const [lower, higher] = [order[i - 1]!, order[i]!];
      const policy = loadPolicy(policyText(rule('higher', 'true', higher), rule('lower', 'true', lower)), 'p.yaml');
      expect(evaluatePolicy(policy, facts()).action).toBe(higher);
    }
  });

  it('records shadow rules without applying them', () => {
    const policy = loadPolicy(
      policyText(rule('review', 'dox.flagged', 'review'), `name: try-remove\nstate: shadow\nwhen: dox.flagged\naction: remove\nnotify: [protective_team]`),
      'p.yaml',
    );
    const d = evaluatePolicy(policy, facts({ dox: true }, [{ personId: 4, field: 'address', finding: 0 }]));
    expect(d.action).toBe('review');
    expect(d.decidedBy).toEqual(['review']);
    expect(d.shadow).toEqual([{ rule: 'try-remove', action: 'remove', notify: ['protective_team'] }]);
    expect(d.shadowAction).toBe('remove');
    expect(d.notifications).toEqual([]);
    expect(evaluatePolicy(policy, facts()).shadow).toEqual([]);
  });

  it('skips disabled rules entirely', () => {
    const policy = loadPolicy(policyText(`name: off\nstate: disabled\nwhen: "1 / campaign.posts > 0"\naction: escalate\nnotify: [protective_team]`), 'p.yaml');
    const d = evaluatePolicy(policy, facts());
    expect(d).toMatchObject({ action: 'allow', matched: [], shadow: [], shadowAction: 'allow', notifications: [], errors: [] });
  });

  it('notifies on behalf of every matching live rule; the protected person only on a watchlist hit', () => {
    const policy = loadPolicy(
      policyText(
        rule('dox', 'dox.flagged', 'remove', '\nnotify: [protected_person, reviewers]'),
        rule('threat', 'threat.flagged', 'escalate', '\nnotify: [protective_team, protected_person]'),
        rule('lower', 'dox.flagged', 'label', '\nnotify: [reviewers]'),
      ),
      'p.yaml',
    );
    const hits = [
      { personId: 7, field: 'address' as const, finding: 1 },
      { personId: 7, field: 'name' as const, finding: 0 },
      { personId: 9, field: 'phone' as const, finding: 2 },
    ];
    const d = evaluatePolicy(policy, facts({ dox: true, threat: true }, hits));
    expect(d.action).toBe('escalate');
    expect(d.notifications).toEqual([
      { target: 'protected_person', rules: ['dox', 'threat'], personIds: [7, 9] },
      { target: 'reviewers', rules: ['dox', 'lower'], personIds: [] },
      { target: 'protective_team', rules: ['threat'], personIds: [] },
    ]);
    const withoutHit = evaluatePolicy(policy, facts({ dox: true, threat: true }));
    expect(withoutHit.notifications.map((n) => n.target)).toEqual(['reviewers', 'protective_team']);
  });

  it('records a rule whose condition fails at run time as an error and not a match', () => {
    const policy = loadPolicy(policyText(rule('divide', '10 / campaign.posts > 1', 'escalate'), rule('dox', 'dox.flagged', 'review')), 'p.yaml');
    const d = evaluatePolicy(policy, facts({ dox: true }));
    expect(d.action).toBe('review');
    expect(d.errors).toEqual([{ rule: 'divide', state: 'live', message: expect.stringMatching(/division by zero/i) }]);
    expect(evaluatePolicy(policy, facts({ dox: true }, [], { campaign: { posts: 2, authors: 1 } })).action).toBe('escalate');
  });

  it('costs a few microseconds per post', () => {
    const policy = loadPolicy(
      policyText(
        rule('dox', 'dox.flagged', 'review'),
        rule('full', 'dox.flagged && dox.disclosed.exists(k, k in ["home_address", "phone"])', 'remove'),
        rule('threat', 'threat.flagged && (dox.flagged || watchlist.hits > 0)', 'escalate'),
        rule('campaign', 'campaign.posts > 10 && findings.total > 0', 'escalate'),
        rule('spanish', 'language == "es" && severityLevel >= 3', 'review'),
      ),
      'p.yaml',
    );
    const f = facts({ dox: true, threat: true });
    for (let i = 0; i < 2000; i++) evaluatePolicy(policy, f);
    const n = 20_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) evaluatePolicy(policy, f);
    const microseconds = ((performance.now() - start) * 1000) / n;
    // Measured ~3 µs; the bound leaves room for a loaded machine.
    expect(microseconds).toBeLessThan(25);
  });
});
