import type { NormalizedText } from '../normalize/normalize.js';
import type { Finding, Language } from '../types.js';
import type { Frame } from './frames.js';
import type { Token } from './threat/tokens.js';

/** What every label module reads. Pure data, built once per post by the assessor. */
export interface AssessInput {
  readonly normalized: NormalizedText;
  /** `normalized.text` lower-cased without Latin accents, same length: offsets are shared. */
  readonly folded: string;
  /** Personal-data findings, in ORIGINAL offsets (see Finding). */
  readonly findings: readonly Finding[];
  /** Main language of the post. */
  readonly language: Language;
  /** Words of the folded text (threat tokenizer): computed on first use, shared by threat and frames. */
  readonly tokens: () => readonly Token[];
  /** Reporting, quotation, fiction … frames of the post: computed on first use, shared by every label. */
  readonly frames: () => readonly Frame[];
}

/**
 * One piece of evidence a label module found: which signal, how much it weighs, where it is
 * (NORMALIZED offsets; the assessor maps them to the original) and a short human reason.
 */
export interface SignalHit {
  /** Stable id, `<label>.<signal>`, e.g. `threat.first-person-violence`. */
  readonly signal: string;
  /** Contribution to the label score; negative for signals against the label (reporting frame …). */
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  /** A short reason a reviewer reads, without quoting personal data: "first-person intent to harm". */
  readonly reason: string;
}

/** A label module's verdict before thresholds: a score in [0, 1] and the signals behind it. */
export interface LabelScore {
  readonly score: number;
  readonly hits: readonly SignalHit[];
}

/** Squashes a sum of signal weights into (0, 1); 0 → 0.5. */
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
