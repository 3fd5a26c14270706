import type { AnalysisResult, Finding } from '../core/types.js';

/**
 * One line of `bulwark scan` output. This is a documented contract (README, "Output contract"):
 * fields are added over time, never renamed or removed.
 */
export interface ScanOutputLine {
  readonly id: string;
  readonly line: number;
  readonly engine: string;
  readonly findings: readonly OutputFinding[];
  readonly redacted?: string;
}

export interface OutputFinding {
  readonly type: Finding['type'];
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly rule: string;
  readonly subtype?: string;
}

/** Canonical values stay inside the engine: the offsets already locate the data in the caller's text. */
export function toOutputLine(id: string, line: number, result: AnalysisResult, redacted?: string): ScanOutputLine {
  return {
    id,
    line,
    engine: result.engineVersion,
    findings: result.findings.map((f) => ({
      type: f.type,
      start: f.start,
      end: f.end,
      confidence: Math.round(f.confidence * 1000) / 1000,
      rule: f.rule,
      ...(f.subtype === undefined ? {} : { subtype: f.subtype }),
    })),
    ...(redacted === undefined ? {} : { redacted }),
  };
}
