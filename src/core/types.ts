import type { Action, Labels, Owner, Severity } from './assess/result.js';
import type { WatchlistHit } from './watchlist/fields.js';

/** Entity types annotated in the labelled data (shared/data/FORMAT.md), plus `location`. */
export const ENTITY_TYPES = [
  'person',
  'phone',
  'email',
  'street_address',
  'license_plate',
  'gov_id',
  'date_of_birth',
  'geo_coordinates',
  'credit_card',
  'ip_address',
  // A place that is not a home address (an intersection of two streets): a lower finding.
  'location',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export type Language = 'en' | 'es';

/** One piece of personal data found in a post; offsets are UTF-16 indices into the original text. */
export interface Finding {
  readonly type: EntityType;
  /** Inclusive start in the original text. */
  readonly start: number;
  /** Exclusive end in the original text. */
  readonly end: number;
  /** 0..1: how sure the detector is that this span is an entity of `type`. */
  readonly confidence: number;
  /** Stable id of the rule that produced the finding, e.g. `phone.national.US`. */
  readonly rule: string;
  /** Finer kind where one type has several (`ssn`, `curp`, `handle`, `intersection` …). */
  readonly subtype?: string;
  /**
   * Canonical form of the value (E.164 phone, lower-case e-mail, digits only …) used for
   * matching against the watchlist and grouping campaigns. Personal data: never log it.
   */
  readonly canonical?: string;
  /**
   * Whose data it is (not set on person names): the targeted person, the author, a public entity,
   * example data, or unknown. Only a target's data makes a post dox.
   */
  readonly owner?: Owner;
}

/** A post as the engine receives it. */
export interface Post {
  readonly id?: string;
  readonly text: string;
  /** Language hint from the source; the engine does not require it. */
  readonly lang?: Language;
}

/** What `analyze()` returns for one post. Fields are added over time, never renamed. */
export interface AnalysisResult {
  readonly id?: string;
  readonly engineVersion: string;
  /** Main language detected (`mixedLanguage` when both carry weight). */
  readonly language: Language;
  readonly mixedLanguage: boolean;
  /** Findings sorted by start offset, non-overlapping. */
  readonly findings: readonly Finding[];
  readonly labels: Labels;
  /** Protected persons whose registered identifiers appear in the post (never the values). */
  readonly watchlist: readonly WatchlistHit[];
  readonly severity: Severity;
  /** Recommended action of the default policy (POLICY §4). */
  readonly action: Action;
}
