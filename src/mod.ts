export { analyze, findEntities, type AnalyzeOptions } from './core/analyze.js';
export { redact, redactFindings, type RedactOptions, type RedactionMode } from './core/redact.js';
export { normalize, originalSpan, type NormalizedText } from './core/normalize/normalize.js';
export { ENTITY_TYPES, type AnalysisResult, type EntityType, type Finding, type Language, type Post } from './core/types.js';
export {
  ACTIONS,
  LABELS,
  SEVERITIES,
  type Action,
  type BountyKind,
  type BountyResult,
  type DisclosureKind,
  type DoxResult,
  type Evidence,
  type Label,
  type LabelResult,
  type Labels,
  type Owner,
  type Severity,
} from './core/assess/result.js';
export { DEFAULT_THRESHOLDS } from './core/assess/assess.js';
export { recommendAction, severityOf } from './core/policy/recommend.js';
export { MAX_TEXT_LENGTH, InputTooLargeError, InvalidInputError } from './core/limits.js';
export { ENGINE_VERSION } from './core/version.js';
export { DETECTORS } from './core/detect/registry.js';
export type { Detector, DetectedSpan } from './core/detect/detector.js';
