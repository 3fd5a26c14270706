import type { Action, Labels, Severity } from '../core/assess/result.js';
import type { AnalysisResult, Finding, Language } from '../core/types.js';

/**
 * One line of `bulwark scan` output. This is a documented contract (README, "Output contract"):
 * fields are added over time, never renamed or removed.
 */
export interface ScanOutputLine {
  readonly id: string;
  readonly line: number;
  readonly engine: string;
  readonly language: Language;
  readonly findings: readonly OutputFinding[];
  readonly labels: Labels;
  readonly watchlist: AnalysisResult['watchlist'];
  readonly severity: Severity;
  readonly action: Action;
  readonly redacted?: string;
}

export type OutputFinding = Omit<Finding, 'canonical'>;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Canonical values stay inside the engine: the offsets already locate the data in the caller's text. */
export function toOutputLine(id: string, line: number, result: AnalysisResult, redacted?: string): ScanOutputLine {
  return {
    id,
    line,
    engine: result.engineVersion,
    language: result.language,
    findings: result.findings.map(({ canonical: _canonical, ...f }) => ({ ...f, confidence: round(f.confidence) })),
    labels: result.labels,
    watchlist: result.watchlist,
    severity: result.severity,
    action: result.action,
    ...(redacted === undefined ? {} : { redacted }),
  };
}
