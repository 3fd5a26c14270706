import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../test/shared-data.js';
import { analyze } from '../analyze.js';
import type { BountyKind, Labels } from '../assess/result.js';
import type { WatchlistHit } from '../watchlist/fields.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_YAML } from './default-policy.js';
import { evaluatePolicy } from './evaluate.js';
import { DISCLOSURE_KINDS, factsFrom } from './facts.js';
import { DEFAULT_POLICY_VERSION, recommendAction, severityOf } from './recommend.js';

const decide = (labels: Labels, watchlist: readonly WatchlistHit[] = []) =>
  evaluatePolicy(DEFAULT_POLICY, factsFrom({ labels, severity: severityOf(labels, watchlist), findings: [], watchlist, language: 'en', mixedLanguage: false }));

const HIT: WatchlistHit = { personId: 11, field: 'address', finding: 0 };

describe('the default policy file', () => {
  it('is embedded verbatim (edit policies/default.yaml, then paste it into default-policy.ts)', () => {
    expect(DEFAULT_POLICY_YAML).toBe(readFileSync(join(import.meta.dirname, '..', '..', '..', 'policies', 'default.yaml'), 'utf8'));
  });

  it('carries the version recorded under the built-in policy', () => {
    expect(DEFAULT_POLICY.id).toBe(DEFAULT_POLICY_VERSION);
    expect(DEFAULT_POLICY.rules.every((r) => r.state === 'live')).toBe(true);
  });
});

describe('the default policy decides as recommendAction (POLICY §4)', () => {
  it('on every dev record, with and without a watchlist hit', () => {
    const lines = readFileSync(sharedDataFile('dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const seen = new Set<string>();
    for (const line of lines) {
      const { id, text } = JSON.parse(line) as { id: string; text: string };
      const result = analyze({ id, text });
      for (const watchlist of [[], [HIT]]) {
        const expected = recommendAction(result.labels, watchlist);
        expect(decide(result.labels, watchlist).action, `${id} with ${watchlist.length} hit(s)`).toBe(expected);
        seen.add(expected);
      }
    }
    // The set exercises every action the default policy takes.
    expect([...seen].sort()).toEqual(['allow', 'escalate', 'remove', 'review']);
  });

  it('on every combination of labels, disclosures, bounty kinds and watchlist hits', () => {
    const disclosures = [[], ...DISCLOSURE_KINDS.map((k) => [k]), ['routine', 'vehicle'], ['workplace', 'phone']] as const;
    const kinds: (BountyKind | undefined)[] = [undefined, 'harm', 'info'];
    let combinations = 0;
    for (const dox of [false, true])
      for (const disclosed of disclosures)
        for (const threat of [false, true])
          for (const bounty of [false, true])
            for (const kind of kinds)
              for (const watchlist of [[], [HIT]]) {
                const labels = labelsOf({ dox, disclosed, threat, bounty, kind });
                expect(decide(labels, watchlist).action, JSON.stringify({ dox, disclosed, threat, bounty, kind, hits: watchlist.length })).toBe(recommendAction(labels, watchlist));
                combinations++;
              }
    expect(combinations).toBe(2 * 14 * 2 * 2 * 3 * 2);
  });
});

describe('default policy notifications', () => {
  it('tells the protected person about a full dox of them', () => {
    const d = decide(labelsOf({ dox: true, disclosed: ['home_address'] }), [HIT]);
    expect(d.action).toBe('remove');
    expect(d.notifications).toEqual([{ target: 'protected_person', rules: ['dox-full'], personIds: [11] }]);
    expect(decide(labelsOf({ dox: true, disclosed: ['home_address'] })).notifications).toEqual([]);
    expect(decide(labelsOf({ dox: true, disclosed: ['routine'] }), [HIT]).notifications).toEqual([]);
  });

  it('hands escalations to the protective team', () => {
    expect(decide(labelsOf({ bounty: true, kind: 'info' })).notifications).toEqual([{ target: 'protective_team', rules: ['bounty'], personIds: [] }]);
    const d = decide(labelsOf({ threat: true }), [HIT]);
    expect(d).toMatchObject({ action: 'escalate', decidedBy: ['threat-escalation'] });
    expect(d.notifications.map((n) => n.target)).toEqual(['protective_team']);
    expect(decide(labelsOf({ threat: true })).notifications).toEqual([]);
  });
});

function labelsOf(o: { dox?: boolean; disclosed?: readonly (typeof DISCLOSURE_KINDS)[number][]; threat?: boolean; bounty?: boolean; kind?: BountyKind | undefined }): Labels {
  const label = (flagged: boolean) => ({ flagged, score: flagged ? 0.9 : 0.1, threshold: 0.5, evidence: [], explanation: '' });
  return {
    dox: { ...label(o.dox ?? false), disclosed: o.disclosed ?? [] },
    threat: label(o.threat ?? false),
    bounty: { ...label(o.bounty ?? false), ...(o.kind ? { kind: o.kind } : {}) },
  };
}
