import type { EntityType, Finding, Language } from '../core/types.js';
import type { LabelledRecord } from './dataset.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Exact: same type, same offsets. Overlap: same type, spans share at least one code unit. */
export type MatchMode = 'exact' | 'overlap';

export interface SpanReport {
  /** scores[mode][scope][type]; scope is `all`, `en` or `es`; type `*` is the micro average. */
  readonly scores: Record<MatchMode, Record<'all' | Language, Record<string, Scores>>>;
  /** Per record, for error analysis: spans missed and spans found wrongly (overlap mode). */
  readonly errors: readonly SpanError[];
}

export interface SpanError {
  readonly id: string;
  readonly kind: 'missed' | 'spurious';
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
}

interface Span {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
}

const matches = (mode: MatchMode, a: Span, b: Span): boolean =>
  a.type === b.type && (mode === 'exact' ? a.start === b.start && a.end === b.end : a.start < b.end && b.start < a.end);

/** Greedy one-to-one matching of predicted to gold spans. */
function countRecord(mode: MatchMode, gold: readonly Span[], predicted: readonly Span[]) {
  const used = new Set<number>();
  const tp: Span[] = [];
  const fp: Span[] = [];
  for (const p of predicted) {
    const i = gold.findIndex((g, j) => !used.has(j) && matches(mode, g, p));
    if (i >= 0) {
      used.add(i);
      tp.push(p);
    } else fp.push(p);
  }
  const fn = gold.filter((_, j) => !used.has(j));
  return { tp, fp, fn };
}

export function scoreOf(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Scores entity findings against gold spans, honouring each record's `spanTypes`. */
export function scoreSpans(
  records: readonly LabelledRecord[],
  predictions: ReadonlyMap<string, readonly Finding[]>,
): SpanReport {
  const counts: Record<MatchMode, Map<string, Counts>> = { exact: new Map(), overlap: new Map() };
  const errors: SpanError[] = [];
  const bump = (mode: MatchMode, scope: string, type: string, key: keyof Counts) => {
    for (const k of [`${scope}|${type}`, `${scope}|*`]) {
      const c = counts[mode].get(k) ?? { tp: 0, fp: 0, fn: 0 };
      c[key]++;
      counts[mode].set(k, c);
    }
  };
  for (const record of records) {
    const scorable = new Set(record.spanTypes);
    const gold = record.spans.filter((s) => scorable.has(s.type));
    const predicted = (predictions.get(record.id) ?? []).filter((f) => scorable.has(f.type));
    for (const mode of ['exact', 'overlap'] as const) {
      const { tp, fp, fn } = countRecord(mode, gold, predicted);
      for (const scope of ['all', record.lang]) {
        for (const s of tp) bump(mode, scope, s.type, 'tp');
        for (const s of fp) bump(mode, scope, s.type, 'fp');
        for (const s of fn) bump(mode, scope, s.type, 'fn');
      }
      if (mode === 'overlap') {
        for (const s of fn) errors.push({ id: record.id, kind: 'missed', type: s.type, start: s.start, end: s.end });
        for (const s of fp) errors.push({ id: record.id, kind: 'spurious', type: s.type, start: s.start, end: s.end });
      }
    }
  }
  const scores = { exact: {}, overlap: {} } as SpanReport['scores'];
  for (const mode of ['exact', 'overlap'] as const) {
    scores[mode] = { all: {}, en: {}, es: {} };
    for (const [key, c] of counts[mode]) {
      const [scope, type] = key.split('|') as ['all' | Language, string];
      scores[mode][scope][type] = scoreOf(c);
    }
  }
  return { scores, errors };
}
