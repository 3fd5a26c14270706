import { describe, expect, it } from 'vitest';
import type { DisclosureKind } from '../assess/dox/dox.js';
import type { BountyKind, Labels, LabelResult } from '../assess/result.js';
import { recommendAction, severityOf } from './recommend.js';

const label = (flagged: boolean, score = flagged ? 0.9 : 0.1): LabelResult => ({ flagged, score, threshold: 0.5, evidence: [], explanation: '' });

function labels(o: { dox?: boolean; disclosed?: DisclosureKind[]; threat?: boolean; bounty?: boolean; kind?: BountyKind; near?: number }): Labels {
  return {
    dox: { ...label(o.dox ?? false, o.near), disclosed: o.disclosed ?? [] },
    threat: label(o.threat ?? false),
    bounty: { ...label(o.bounty ?? false), ...(o.kind ? { kind: o.kind } : {}) },
  };
}

describe('default policy (POLICY §4)', () => {
  it('allows posts with no label', () => {
    expect(recommendAction(labels({}))).toBe('allow');
    expect(severityOf(labels({}))).toBe('none');
  });

  it('marks a near miss as low severity but still allows it', () => {
    const near = labels({ near: 0.4 });
    expect(severityOf(near)).toBe('low');
    expect(recommendAction(near)).toBe('allow');
  });

  it('sends a partial dox to review and removes a full one', () => {
    expect(recommendAction(labels({ dox: true, disclosed: ['routine', 'vehicle'] }))).toBe('review');
    expect(severityOf(labels({ dox: true, disclosed: ['routine'] }))).toBe('medium');
    for (const kind of ['home_address', 'phone', 'family'] as const) {
      expect(recommendAction(labels({ dox: true, disclosed: [kind] }))).toBe('remove');
      expect(severityOf(labels({ dox: true, disclosed: [kind] }))).toBe('high');
    }
  });

  it('reviews a threat alone and escalates it with a dox', () => {
    expect(recommendAction(labels({ threat: true }))).toBe('review');
    expect(recommendAction(labels({ threat: true, dox: true, disclosed: ['routine'] }))).toBe('escalate');
    expect(severityOf(labels({ threat: true, dox: true }))).toBe('critical');
  });

  it('escalates every bounty; a bounty for harm is critical', () => {
    expect(recommendAction(labels({ bounty: true, kind: 'info' }))).toBe('escalate');
    expect(severityOf(labels({ bounty: true, kind: 'info' }))).toBe('high');
    expect(severityOf(labels({ bounty: true, threat: true, kind: 'harm' }))).toBe('critical');
  });
});
