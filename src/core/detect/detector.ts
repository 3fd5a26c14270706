import type { EntityType } from '../types.js';
import type { NormalizedText } from '../normalize/normalize.js';

/** A span a detector found, in offsets of the NORMALIZED text; the engine maps it to the original. */
export interface DetectedSpan {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  /** Stable rule id, `<detector>.<rule>`. */
  readonly rule: string;
  readonly subtype?: string;
  readonly canonical?: string;
}

/**
 * One detector: normalized text in, spans out. Pure and synchronous; no state between calls.
 * Adding a detector means writing one module and listing it in registry.ts.
 */
export interface Detector {
  readonly id: string;
  readonly types: readonly EntityType[];
  detect(text: NormalizedText): DetectedSpan[];
}
