import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { ANNOTATED_TYPES, parseLabelledRecord, type LabelledRecord } from './dataset.js';
import { scoreLabels } from './label-metrics.js';
import { scoreSpans } from './span-metrics.js';

const record = (o: Partial<LabelledRecord> & { id: string }): LabelledRecord => ({ lang: 'en', text: '', labels: {}, spans: [], spanTypes: ANNOTATED_TYPES, ...o });
const finding = (type: Finding['type'], start: number, end: number): Finding => ({ type, start, end, confidence: 1, rule: 't' });

describe('scoreSpans', () => {
  it('counts exact and overlap matches one to one', () => {
    const records = [record({ id: 'a', spans: [{ type: 'phone', start: 0, end: 10 }, { type: 'email', start: 20, end: 30 }] })];
    const report = scoreSpans(records, new Map([['a', [finding('phone', 0, 10), finding('email', 22, 30), finding('person', 40, 45)]]]));
    expect(report.scores.exact.all.phone).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.scores.exact.all.email).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(report.scores.overlap.all.email).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.scores.overlap.all.person).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
  });

  it('scores only the types a record annotates (span_types)', () => {
    const records = [record({ id: 'a', spanTypes: ['phone'], spans: [] })];
    const report = scoreSpans(records, new Map([['a', [finding('person', 0, 4)]]]));
    expect(report.scores.overlap.all.person).toBeUndefined();
  });
});

describe('scoreLabels', () => {
  const flagged = (dox: boolean, threat = false, bounty = false) => ({ flagged: { dox, threat, bounty }, scores: { dox: dox ? 0.9 : 0.1, threat: threat ? 0.9 : 0.1, bounty: bounty ? 0.9 : 0.1 } });

  it('skips labels a record does not judge and measures hard negatives and pairs', () => {
    const records = [
      record({ id: 'a', labels: { dox: true, threat: false }, category: 'dox_plain', pair: 'c1' }),
      record({ id: 'b', labels: { dox: true, threat: false }, category: 'dox_plain', pair: 'c1' }),
      record({ id: 'c', lang: 'es', labels: { dox: false, threat: false, bounty: false }, category: 'news_reporting' }),
      record({ id: 'd', labels: { threat: true } }),
    ];
    const report = scoreLabels(records, new Map([['a', flagged(true)], ['b', flagged(false)], ['c', flagged(false, true)], ['d', flagged(false, true, true)]]));
    expect(report.scores.all.dox).toMatchObject({ tp: 1, fn: 1, fp: 0, tn: 1 });
    expect(report.scores.all.bounty).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 1 });
    expect(report.scores.es.threat).toMatchObject({ fp: 1 });
    expect(report.hardNegatives).toEqual([{ category: 'news_reporting', records: 1, falsePositives: 1, rate: 1, byLabel: { dox: 0, threat: 1, bounty: 0 } }]);
    expect(report.counterfactual).toMatchObject({ groups: 1, consistent: 0, inconsistent: ['c1'] });
  });
});

describe('parseLabelledRecord', () => {
  it('says what is wrong with a bad record', () => {
    expect(() => parseLabelledRecord('{"id":"x","lang":"fr","text":""}')).toThrow(/lang/);
    expect(() => parseLabelledRecord('{"id":"x","lang":"en"}')).toThrow(/text/);
  });

  it('reads span_types and partial labels', () => {
    const r = parseLabelledRecord('{"id":"x","lang":"es","text":"hola","labels":{"threat":false},"span_types":["phone"],"spans":[]}');
    expect(r.labels).toEqual({ threat: false });
    expect(r.spanTypes).toEqual(['phone']);
  });
});
