import type { DisclosureKind } from './dox.js';

/** One piece of exposing information (a finding tied to the person, or wording), with its weight. */
export interface Disclosure {
  /** The kind POLICY §1 lists, when the piece is one on its own (a vehicle colour is not). */
  readonly kind?: DisclosureKind;
  /** `dox.<signal>`. */
  readonly signal: string;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
  /** Data of unknown owner in a post about someone: it weighs, but is not reported as disclosed. */
  readonly tentative?: boolean;
}
