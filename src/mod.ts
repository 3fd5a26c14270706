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
export { loadPolicy, PolicyLoadError, type Policy, type PolicyRule } from './core/policy/policy.js';
export { evaluatePolicy, type PolicyDecision } from './core/policy/evaluate.js';
export { factsFrom, type PolicyFacts } from './core/policy/facts.js';
export { DEFAULT_POLICY } from './core/policy/default-policy.js';
export { WatchlistMatcher, type WatchlistEntryHash } from './core/watchlist/matcher.js';
export { KeyedHasher, type HashKey } from './core/watchlist/keyed-hash.js';
export { WATCHLIST_FIELDS, type WatchlistField, type WatchlistHit } from './core/watchlist/fields.js';
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, EVENT_HEADER, DELIVERY_HEADER, type SignatureVerification } from './webhooks/signature.js';
export { WEBHOOK_EVENTS, type WebhookEventType } from './webhooks/events.js';
