import { readFileSync } from 'node:fs';
import { analyze } from '../core/analyze.js';
import type { Finding } from '../core/types.js';
import { parseLabelledRecord, type LabelledRecord } from '../eval/dataset.js';
import { scoreSpans, type SpanReport } from '../eval/span-metrics.js';
import { fixed, renderTable } from './table.js';

export interface EvalOptions {
  readonly data: string[];
  readonly json?: boolean;
  readonly errors?: boolean;
}

export interface EvalReport {
  readonly file: string;
  readonly records: number;
  readonly entities: SpanReport['scores'];
  readonly errors?: SpanReport['errors'];
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

export function evaluateFile(file: string): { report: EvalReport; records: LabelledRecord[] } {
  const records = loadLabelledSet(file);
  const predictions = new Map<string, readonly Finding[]>();
  for (const r of records) predictions.set(r.id, analyze({ id: r.id, text: r.text }).findings.filter(isScoredFinding));
  const spans = scoreSpans(records, predictions);
  return { report: { file, records: records.length, entities: spans.scores, errors: spans.errors }, records };
}

export function formatEntityTable(report: EvalReport): string {
  const rows: string[][] = [];
  const overall = report.entities.overlap.all;
  const types = Object.keys(overall)
    .filter((t) => t !== '*')
    .sort();
  for (const type of [...types, '*']) {
    for (const scope of ['all', 'en', 'es'] as const) {
      const o = report.entities.overlap[scope][type];
      const e = report.entities.exact[scope][type];
      if (o === undefined || e === undefined) continue;
      rows.push([
        type === '*' ? 'ALL (micro)' : type,
        scope,
        String(o.tp + o.fn),
        fixed(e.precision),
        fixed(e.recall),
        fixed(e.f1),
        fixed(o.precision),
        fixed(o.recall),
        fixed(o.f1),
      ]);
    }
  }
  return renderTable(['entity', 'lang', 'gold', 'exact P', 'exact R', 'exact F1', 'overlap P', 'overlap R', 'overlap F1'], rows);
}

export function runEval(options: EvalOptions, out: (s: string) => void): void {
  const reports = options.data.map((file) => evaluateFile(file));
  if (options.json) {
    out(JSON.stringify(reports.map(({ report }) => (options.errors ? report : { ...report, errors: undefined }))));
    return;
  }
  for (const { report, records } of reports) {
    out(`\n== ${report.file} (${report.records} records)\n\nEntities (precision / recall / F1; exact span and overlap match)\n`);
    out(formatEntityTable(report));
    if (options.errors && report.errors) {
      const byId = new Map(records.map((r) => [r.id, r]));
      out('\nErrors (overlap mode)');
      for (const e of report.errors) {
        const text = byId.get(e.id)?.text ?? '';
        out(`${e.id}\t${e.kind}\t${e.type}\t${JSON.stringify(text.slice(e.start, e.end))}`);
      }
    }
  }
}
