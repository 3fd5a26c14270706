import { DETECTORS } from './detect/registry.js';
import type { Detector } from './detect/detector.js';
import { InputTooLargeError, InvalidInputError, MAX_TEXT_LENGTH } from './limits.js';
import { normalize, originalSpan } from './normalize/normalize.js';
import { resolveOverlaps } from './resolve.js';
import type { AnalysisResult, Finding, Post } from './types.js';
import { ENGINE_VERSION } from './version.js';

export interface AnalyzeOptions {
  /** Detectors to run; defaults to every registered detector. */
  readonly detectors?: readonly Detector[];
  readonly maxTextLength?: number;
}

const EDGE_SPACE = /\s/;

/** Analyzes one post. Pure and deterministic: the same post always gives the same result. */
export function analyze(post: Post | string, options: AnalyzeOptions = {}): AnalysisResult {
  const input: Post = typeof post === 'string' ? { text: post } : post;
  if (typeof input.text !== 'string') throw new InvalidInputError('post.text must be a string');
  const limit = options.maxTextLength ?? MAX_TEXT_LENGTH;
  if (input.text.length > limit) throw new InputTooLargeError(input.text.length, limit);

  const findings = findEntities(input.text, options.detectors ?? DETECTORS);
  return {
    ...(input.id === undefined ? {} : { id: input.id }),
    engineVersion: ENGINE_VERSION,
    findings,
  };
}

/** Runs the detectors over the normalized text and returns findings in original offsets. */
export function findEntities(text: string, detectors: readonly Detector[] = DETECTORS): Finding[] {
  const normalized = normalize(text);
  const found: Finding[] = [];
  for (const detector of detectors) {
    for (const span of detector.detect(normalized)) {
      let { start, end } = originalSpan(normalized, span.start, span.end);
      while (start < end && EDGE_SPACE.test(text[start] ?? '')) start++;
      while (end > start && EDGE_SPACE.test(text[end - 1] ?? '')) end--;
      if (end <= start) continue;
      found.push({
        type: span.type,
        start,
        end,
        confidence: span.confidence,
        rule: span.rule,
        ...(span.subtype === undefined ? {} : { subtype: span.subtype }),
        ...(span.canonical === undefined ? {} : { canonical: span.canonical }),
      });
    }
  }
  return resolveOverlaps(found);
}
