import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { Labels } from '../assess/result.js';
import type { Finding } from '../types.js';
import { evaluatePolicy } from './evaluate.js';
import { ELEMENT_DOMAINS, FACT_TYPES, FACT_VARIABLES, factsFrom, VALUE_DOMAINS, type AnalysisFacts, type PolicyFacts } from './facts.js';
import { loadPolicy } from './policy.js';

const finding = (type: Finding['type']): Finding => ({ type, start: 0, end: 1, confidence: 1, rule: 'test' });

const labels: Labels = {
  dox: { flagged: true, score: 0.82, threshold: 0.5, evidence: [], explanation: '', disclosed: ['home_address', 'family'] },
  threat: { flagged: false, score: 0.31, threshold: 0.55, evidence: [], explanation: '' },
  bounty: { flagged: true, score: 0.9, threshold: 0.6, evidence: [], explanation: '', kind: 'info' },
};

const analysis: AnalysisFacts = {
  labels,
  severity: 'high',
  findings: [finding('person'), finding('phone'), finding('phone'), finding('street_address')],
  watchlist: [
    { personId: 3, field: 'phone', finding: 1 },
    { personId: 3, field: 'phone', finding: 2 },
    { personId: 5, field: 'name', finding: 0 },
  ],
  language: 'es',
  mixedLanguage: true,
};

const facts: PolicyFacts = factsFrom(analysis, { source: 'forum', channel: 'general', campaign: { posts: 12, authors: 4 } });

/** Whether `when` holds on the facts above (one live rule, action remove). */
function holds(when: string, on: PolicyFacts = facts): boolean {
  const policy = loadPolicy(`name: t\nversion: 1\nrules:\n  - name: r\n    state: live\n    when: ${JSON.stringify(when)}\n    action: remove\n`, 't.yaml');
  const decision = evaluatePolicy(policy, on);
  expect(decision.errors).toEqual([]);
  return decision.action === 'remove';
}

describe('factsFrom', () => {
  it('summarizes an analysis without text or personal data', () => {
    expect(facts).toEqual({
      dox: { flagged: true, score: 0.82, threshold: 0.5, disclosed: ['home_address', 'family'] },
      threat: { flagged: false, score: 0.31, threshold: 0.55 },
      bounty: { flagged: true, score: 0.9, threshold: 0.6, kind: 'info' },
      severity: 'high',
      findings: { person: 1, phone: 2, street_address: 1 },
      watchlist: { hits: 3, fields: ['phone', 'name'], personIds: [3, 5] },
      campaign: { posts: 12, authors: 4 },
      language: 'es',
      mixedLanguage: true,
      source: 'forum',
      channel: 'general',
    });
  });

  it('counts what the caller does not know as 0 or ""', () => {
    const bare = factsFrom({ ...analysis, watchlist: [] });
    expect(bare).toMatchObject({ campaign: { posts: 0, authors: 0 }, source: '', channel: '', watchlist: { hits: 0, fields: [], personIds: [] } });
  });

  it('builds from a real analysis', () => {
    const result = analyze('Judge Karen Lowe, cell 773-555-0148, lives at 4417 S Wood St, Chicago, IL 60609');
    const f = factsFrom(result);
    expect(f.findings.phone).toBe(1);
    expect(f.language).toBe('en');
    expect(f.severity).toBe(result.severity);
    expect(JSON.stringify(f)).not.toMatch(/555|Wood|Lowe/);
  });
});

describe('every fact is usable in a rule', () => {
  it.each([
    ['dox.flagged', 'dox.flagged && !threat.flagged'],
    ['dox.score', 'dox.score > 0.8 && dox.score < 0.83'],
    ['dox.threshold', 'dox.threshold == 0.5'],
    ['dox.disclosed', '"family" in dox.disclosed && size(dox.disclosed) == 2'],
    ['dox.disclosed macro', 'dox.disclosed.exists(k, k in ["home_address", "phone"])'],
    ['threat.flagged', '!threat.flagged'],
    ['threat.score', 'threat.score < threat.threshold'],
    ['threat.threshold', 'threat.threshold == 0.55'],
    ['bounty.flagged', 'bounty.flagged'],
    ['bounty.score', 'bounty.score >= 0.9'],
    ['bounty.threshold', 'bounty.threshold == 0.6'],
    ['bounty.kind', 'bounty.kind == "info"'],
    ['severity', 'severity == "high"'],
    ['severityLevel', 'severityLevel == 3 && severityLevel >= 2'],
    ['findings.<type>', 'findings.phone == 2 && findings.person == 1 && findings.email == 0'],
    ['findings.total', 'findings.total == 4'],
    ['watchlist.hits', 'watchlist.hits == 3'],
    ['watchlist.persons', 'watchlist.persons == 2'],
    ['watchlist.fields', '"name" in watchlist.fields && !("plate" in watchlist.fields)'],
    ['campaign.posts', 'campaign.posts >= 10'],
    ['campaign.authors', 'campaign.authors == 4'],
    ['language', 'language == "es"'],
    ['mixedLanguage', 'mixedLanguage'],
    ['source', 'source == "forum"'],
    ['channel', 'channel.startsWith("gen")'],
  ])('%s', (_fact, when) => {
    expect(holds(when)).toBe(true);
    expect(holds(`!(${when})`)).toBe(false);
  });

  it('gives an empty bounty kind when there is no bounty', () => {
    const none = factsFrom({ ...analysis, labels: { ...labels, bounty: { ...labels.bounty, flagged: false, kind: undefined } } });
    expect(holds('bounty.kind == ""', none)).toBe(true);
  });
});

describe('policies/README.md documents the facts', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'policies', 'README.md'), 'utf8');

  it('names every variable and every field', () => {
    for (const [name, type] of Object.entries(FACT_VARIABLES)) {
      const fields = FACT_TYPES.find((t) => t.name === type)?.fields;
      const names = fields ? Object.keys(fields).map((f) => `${name}.${f}`) : [name];
      for (const n of names) expect(readme, n).toContain(`\`${n}\``);
    }
  });

  it('lists the values of every closed set', () => {
    for (const [path, values] of [...VALUE_DOMAINS, ...ELEMENT_DOMAINS]) for (const v of values.filter((x) => x !== '')) expect(readme, `${path}: ${v}`).toContain(`\`${v}\``);
  });
});
