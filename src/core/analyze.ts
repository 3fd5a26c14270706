import { assess, DEFAULT_THRESHOLDS } from './assess/assess.js';
import type { Label } from './assess/result.js';
import { DETECTORS } from './detect/registry.js';
import type { Detector } from './detect/detector.js';
import { InputTooLargeError, InvalidInputError, MAX_TEXT_LENGTH } from './limits.js';
import { normalize, originalSpan, type NormalizedText } from './normalize/normalize.js';
import { recommendAction, severityOf } from './policy/recommend.js';
import { resolveOverlaps } from './resolve.js';
import type { AnalysisResult, Finding, Post } from './types.js';
import { ENGINE_VERSION } from './version.js';
import type { WatchlistMatcher } from './watchlist/matcher.js';

export interface AnalyzeOptions {
  /** Detectors to run; defaults to every registered detector. */
  readonly detectors?: readonly Detector[];
  readonly maxTextLength?: number;
  /** Decision thresholds per label; defaults to the measured ones. */
  readonly thresholds?: Readonly<Record<Label, number>>;
  /** Protected persons to check every finding against (hashes only). */
  readonly watchlist?: WatchlistMatcher;
}

const EDGE_SPACE = /\s/;

/** Analyzes one post. Pure and deterministic: the same post always gives the same result. */
export function analyze(post: Post | string, options: AnalyzeOptions = {}): AnalysisResult {
  const input: Post = typeof post === 'string' ? { text: post } : post;
  if (typeof input.text !== 'string') throw new InvalidInputError('post.text must be a string');
  const limit = options.maxTextLength ?? MAX_TEXT_LENGTH;
  if (input.text.length > limit) throw new InputTooLargeError(input.text.length, limit);

  const normalized = normalize(input.text);
  const entities = detectIn(normalized, options.detectors ?? DETECTORS);
  const assessment = assess(normalized, entities, input.lang, options.thresholds ?? DEFAULT_THRESHOLDS);
  const owners = new Map(assessment.links.map((l) => [l.finding, l.owner]));
  const findings = entities.map((f, i) => {
    const owner = owners.get(i);
    return owner === undefined ? f : { ...f, owner };
  });
  const watchlist = options.watchlist?.match(findings, input.text) ?? [];
  return {
    ...(input.id === undefined ? {} : { id: input.id }),
    engineVersion: ENGINE_VERSION,
    language: assessment.language,
    mixedLanguage: assessment.mixedLanguage,
    findings,
    labels: assessment.labels,
    watchlist,
    severity: severityOf(assessment.labels, watchlist),
    action: recommendAction(assessment.labels, watchlist),
  };
}

/** Personal-data findings only, in original offsets (no labels): the cheap path for redaction. */
export function findEntities(text: string, detectors: readonly Detector[] = DETECTORS): Finding[] {
  return detectIn(normalize(text), detectors);
}

function detectIn(normalized: NormalizedText, detectors: readonly Detector[]): Finding[] {
  const text = normalized.original;
  const found: Finding[] = [];
  for (const detector of detectors) {
    for (const span of detector.detect(normalized)) {
      let { start, end } = originalSpan(normalized, span.start, span.end);
      while (start < end && EDGE_SPACE.test(text[start] ?? '')) start++;
      while (end > start && EDGE_SPACE.test(text[end - 1] ?? '')) end--;
      if (end <= start) continue;
      // A name's canonical form is its normalized spelling (look-alike letters folded).
      const canonical = span.canonical ?? (span.type === 'person' ? normalized.text.slice(span.start, span.end) : undefined);
      found.push({
        type: span.type,
        start,
        end,
        confidence: span.confidence,
        rule: span.rule,
        ...(span.subtype === undefined ? {} : { subtype: span.subtype }),
        ...(canonical === undefined ? {} : { canonical }),
      });
    }
  }
  return resolveOverlaps(found);
}
