export { analyze, findEntities, type AnalyzeOptions } from './core/analyze.js';
export { redact, redactFindings, type RedactOptions, type RedactionMode } from './core/redact.js';
export { normalize, originalSpan, type NormalizedText } from './core/normalize/normalize.js';
export { ENTITY_TYPES, type AnalysisResult, type EntityType, type Finding, type Language, type Post } from './core/types.js';
export { MAX_TEXT_LENGTH, InputTooLargeError, InvalidInputError } from './core/limits.js';
export { ENGINE_VERSION } from './core/version.js';
export { DETECTORS } from './core/detect/registry.js';
export type { Detector, DetectedSpan } from './core/detect/detector.js';
