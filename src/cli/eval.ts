import { readFileSync } from 'node:fs';
import { analyze } from '../core/analyze.js';
import { LABELS } from '../core/assess/result.js';
import type { Finding } from '../core/types.js';
import { parseLabelledRecord, type LabelledRecord } from '../eval/dataset.js';
import { scoreLabels, type LabelPrediction, type LabelReport } from '../eval/label-metrics.js';
import { scoreSpans, type SpanReport } from '../eval/span-metrics.js';
import { fixed, renderTable } from './table.js';

export interface EvalOptions {
  readonly data: string[];
  readonly json?: boolean;
  readonly errors?: boolean;
  readonly sweep?: boolean;
}

export interface EvalReport {
  readonly file: string;
  readonly records: number;
  /** Present when the set annotates spans. */
  readonly entities?: SpanReport['scores'];
  /** Present when the set judges labels. */
  readonly labels?: LabelReport;
  readonly errors?: SpanReport['errors'];
  /** Ids of records whose labels were predicted wrongly (with --errors). */
  readonly labelErrors?: readonly { id: string; label: string; gold: boolean }[];
}

export function loadLabelledSet(file: string): LabelledRecord[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const records: LabelledRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(parseLabelledRecord(line));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`, { cause: error });
    }
  });
  return records;
}

/** The labelled sets do not annotate @handles (FORMAT.md): handle findings are neither right nor wrong. */
const isScoredFinding = (f: Finding): boolean => !(f.type === 'person' && f.subtype === 'handle');

export function evaluate(file: string, records: readonly LabelledRecord[]): EvalReport {
  const findings = new Map<string, readonly Finding[]>();
  const labels = new Map<string, LabelPrediction>();
  const labelErrors: { id: string; label: string; gold: boolean }[] = [];
  for (const r of records) {
    const result = analyze({ id: r.id, text: r.text });
    findings.set(r.id, result.findings.filter(isScoredFinding));
    const flagged = { dox: result.labels.dox.flagged, threat: result.labels.threat.flagged, bounty: result.labels.bounty.flagged };
    labels.set(r.id, { flagged, scores: { dox: result.labels.dox.score, threat: result.labels.threat.score, bounty: result.labels.bounty.score } });
    for (const label of LABELS) {
      const gold = r.labels[label];
      if (gold !== undefined && gold !== flagged[label]) labelErrors.push({ id: r.id, label, gold });
    }
  }
  const hasSpans = records.some((r) => r.spans.length > 0);
  const hasLabels = records.some((r) => Object.keys(r.labels).length > 0);
  const spans = hasSpans ? scoreSpans(records, findings) : undefined;
  return {
    file,
    records: records.length,
    ...(spans ? { entities: spans.scores, errors: spans.errors } : {}),
    ...(hasLabels ? { labels: scoreLabels(records, labels), labelErrors } : {}),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatEntityTable(entities: SpanReport['scores']): string {
  const rows: string[][] = [];
  const types = Object.keys(entities.overlap.all)
    .filter((t) => t !== '*')
    .sort();
  for (const type of [...types, '*']) {
    for (const scope of ['all', 'en', 'es'] as const) {
      const o = entities.overlap[scope][type];
      const e = entities.exact[scope][type];
      if (o === undefined || e === undefined) continue;
      rows.push([type === '*' ? 'ALL (micro)' : type, scope, String(o.tp + o.fn), fixed(e.precision), fixed(e.recall), fixed(e.f1), fixed(o.precision), fixed(o.recall), fixed(o.f1)]);
    }
  }
  return renderTable(['entity', 'lang', 'gold', 'exact P', 'exact R', 'exact F1', 'overlap P', 'overlap R', 'overlap F1'], rows);
}

export function formatLabelTables(report: LabelReport, sweep: boolean): string {
  const out: string[] = [];
  const rows: string[][] = [];
  for (const label of LABELS) {
    for (const scope of ['all', 'en', 'es'] as const) {
      const s = report.scores[scope][label];
      if (s === undefined) continue;
      rows.push([label, scope, String(s.tp), String(s.fp), String(s.fn), String(s.tn), fixed(s.precision), fixed(s.recall), fixed(s.f1)]);
    }
  }
  out.push('Labels (records whose label is judged)\n', renderTable(['label', 'lang', 'TP', 'FP', 'FN', 'TN', 'P', 'R', 'F1'], rows));
  if (report.hardNegatives.length > 0) {
    out.push(
      '\nFalse positives on hard negatives (records with any label wrongly flagged)\n',
      renderTable(
        ['category', 'records', 'FP', 'rate', 'dox', 'threat', 'bounty'],
        report.hardNegatives.map((r) => [r.category, String(r.records), String(r.falsePositives), pct(r.rate), String(r.byLabel.dox), String(r.byLabel.threat), String(r.byLabel.bounty)]),
      ),
    );
  }
  const cf = report.counterfactual;
  if (cf.groups > 0) {
    out.push(`\nCounterfactual consistency: ${cf.consistent}/${cf.groups} pair groups with identical labels (${pct(cf.share)})${cf.inconsistent.length > 0 ? `; inconsistent: ${cf.inconsistent.join(', ')}` : ''}`);
  }
  out.push(
    '\nConfusion summary (records per category, and how many got each label)\n',
    renderTable(
      ['category', 'records', 'gold', 'dox', 'threat', 'bounty'],
      report.confusion.map((c) => [c.category, String(c.records), c.gold, String(c.predicted.dox), String(c.predicted.threat), String(c.predicted.bounty)]),
    ),
  );
  if (sweep) {
    const thresholds = report.sweep.dox.map((s) => s.threshold);
    out.push(
      '\nF1 by decision threshold\n',
      renderTable(
        ['label', ...thresholds.map((t) => t.toFixed(2))],
        LABELS.map((label) => [label, ...report.sweep[label].map((s) => fixed(s.f1, 3))]),
      ),
    );
  }
  return out.join('\n');
}

export function runEval(options: EvalOptions, out: (s: string) => void): void {
  const evaluated = options.data.map((file) => {
    const records = loadLabelledSet(file);
    return { records, report: evaluate(file, records) };
  });
  if (options.json) {
    out(JSON.stringify(evaluated.map(({ report }) => (options.errors ? report : { ...report, errors: undefined, labelErrors: undefined }))));
    return;
  }
  for (const { report, records } of evaluated) {
    out(`\n== ${report.file} (${report.records} records)`);
    if (report.entities) out(`\nEntities (precision / recall / F1; exact span and overlap match)\n\n${formatEntityTable(report.entities)}`);
    if (report.labels) out(`\n${formatLabelTables(report.labels, options.sweep === true)}`);
    if (options.errors) {
      const byId = new Map(records.map((r) => [r.id, r]));
      out('\nEntity errors (overlap mode)');
      for (const e of report.errors ?? []) out(`${e.id}\t${e.kind}\t${e.type}\t${JSON.stringify((byId.get(e.id)?.text ?? '').slice(e.start, e.end))}`);
      out('\nLabel errors');
      for (const e of report.labelErrors ?? []) out(`${e.id}\t${e.gold ? 'missed' : 'spurious'}\t${e.label}\t${byId.get(e.id)?.category ?? ''}\t${JSON.stringify(byId.get(e.id)?.text ?? '')}`);
    }
  }
}
