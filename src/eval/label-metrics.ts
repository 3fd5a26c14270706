import type { Label } from '../core/assess/result.js';
import { LABELS } from '../core/assess/result.js';
import type { Language } from '../core/types.js';
import type { LabelledRecord } from './dataset.js';
import { scoreOf, type Scores } from './span-metrics.js';

/** Categories of posts that must not be flagged (FORMAT.md). */
export const HARD_NEGATIVE_CATEGORIES = [
  'news_reporting',
  'counter_speech',
  'public_activity_report',
  'own_or_public_contact',
  'hyperbole_gaming_sports',
  'legit_reward',
  'fiction_lyrics_history',
  'benign_everyday',
] as const;

export interface LabelPrediction {
  readonly flagged: Readonly<Record<Label, boolean>>;
  readonly scores: Readonly<Record<Label, number>>;
}

export interface CategoryRow {
  readonly category: string;
  readonly records: number;
  /** Records where a label judged false was predicted true. */
  readonly falsePositives: number;
  readonly rate: number;
  readonly byLabel: Readonly<Record<Label, number>>;
}

export interface LabelReport {
  /** scores[scope][label] with tp/fp/fn and P/R/F1; `tn` in confusion. */
  readonly scores: Record<'all' | Language, Partial<Record<Label, Scores & { tn: number }>>>;
  readonly hardNegatives: readonly CategoryRow[];
  /** Every category: records and how many got each label. */
  readonly confusion: readonly { category: string; records: number; gold: string; predicted: Readonly<Record<Label, number>> }[];
  readonly counterfactual: { readonly groups: number; readonly consistent: number; readonly share: number; readonly inconsistent: readonly string[] };
  /** F1 per label at candidate thresholds, to choose them from measurements. */
  readonly sweep: Readonly<Record<Label, readonly { threshold: number; f1: number; precision: number; recall: number }[]>>;
}

const SWEEP = Array.from({ length: 13 }, (_, i) => Math.round((0.2 + i * 0.05) * 100) / 100);

/** Scores label decisions; labels absent from a record are not judged. */
export function scoreLabels(records: readonly LabelledRecord[], predictions: ReadonlyMap<string, LabelPrediction>): LabelReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  const bump = (key: string, k: 'tp' | 'fp' | 'fn' | 'tn') => {
    const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    c[k]++;
    counts.set(key, c);
  };
  const categories = new Map<string, { records: number; fp: number; byLabel: Record<Label, number>; predicted: Record<Label, number>; gold: Set<string> }>();
  const pairs = new Map<string, string[]>();
  const sweepCounts = new Map<string, { tp: number; fp: number; fn: number }>();

  for (const record of records) {
    const p = predictions.get(record.id);
    if (p === undefined) continue;
    const category = record.category ?? 'uncategorized';
    const row = categories.get(category) ?? { records: 0, fp: 0, byLabel: { dox: 0, threat: 0, bounty: 0 }, predicted: { dox: 0, threat: 0, bounty: 0 }, gold: new Set<string>() };
    row.records++;
    row.gold.add(LABELS.filter((l) => record.labels[l] === true).join('+') || 'none');
    let anyFalsePositive = false;
    for (const label of LABELS) {
      if (p.flagged[label]) row.predicted[label]++;
      const gold = record.labels[label];
      if (gold === undefined) continue;
      const predicted = p.flagged[label];
      const k = gold ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn';
      bump(`all|${label}`, k);
      bump(`${record.lang}|${label}`, k);
      if (k === 'fp') {
        anyFalsePositive = true;
        row.byLabel[label]++;
      }
      for (const t of SWEEP) {
        const c = sweepCounts.get(`${label}|${t}`) ?? { tp: 0, fp: 0, fn: 0 };
        const at = p.scores[label] >= t;
        if (gold && at) c.tp++;
        else if (!gold && at) c.fp++;
        else if (gold && !at) c.fn++;
        sweepCounts.set(`${label}|${t}`, c);
      }
    }
    if (anyFalsePositive) row.fp++;
    categories.set(category, row);
    if (record.pair !== undefined) {
      const signature = LABELS.map((l) => (p.flagged[l] ? '1' : '0')).join('');
      pairs.set(record.pair, [...(pairs.get(record.pair) ?? []), signature]);
    }
  }

  const scores: LabelReport['scores'] = { all: {}, en: {}, es: {} };
  for (const [key, c] of counts) {
    const [scope, label] = key.split('|') as ['all' | Language, Label];
    scores[scope][label] = { ...scoreOf(c), tn: c.tn };
  }
  const hardNegatives = HARD_NEGATIVE_CATEGORIES.flatMap((category) => {
    const row = categories.get(category);
    return row ? [{ category, records: row.records, falsePositives: row.fp, rate: row.fp / row.records, byLabel: row.byLabel }] : [];
  });
  const confusion = [...categories.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, row]) => ({ category, records: row.records, gold: [...row.gold].join(' | '), predicted: row.predicted }));
  const groups = [...pairs.entries()].filter(([, members]) => members.length > 1);
  const inconsistent = groups.filter(([, members]) => new Set(members).size > 1).map(([pair]) => pair);
  const sweepOf = (label: Label) =>
    SWEEP.map((threshold) => {
      const s = scoreOf(sweepCounts.get(`${label}|${threshold}`) ?? { tp: 0, fp: 0, fn: 0 });
      return { threshold, f1: s.f1, precision: s.precision, recall: s.recall };
    });
  const sweep = { dox: sweepOf('dox'), threat: sweepOf('threat'), bounty: sweepOf('bounty') };
  return {
    scores,
    hardNegatives,
    confusion,
    counterfactual: { groups: groups.length, consistent: groups.length - inconsistent.length, share: groups.length === 0 ? 1 : (groups.length - inconsistent.length) / groups.length, inconsistent },
    sweep,
  };
}
