import type { EntityType } from '../types.js';

/** Identifier kinds a protected person can register (issue #4). */
export const WATCHLIST_FIELDS = ['name', 'relative_name', 'phone', 'email', 'address', 'plate', 'gov_id'] as const;
export type WatchlistField = (typeof WATCHLIST_FIELDS)[number];

/** Which registered fields a finding of each entity type is compared with. */
export const FIELDS_FOR_FINDING: Partial<Record<EntityType, readonly WatchlistField[]>> = {
  person: ['name', 'relative_name'],
  phone: ['phone'],
  email: ['email'],
  street_address: ['address'],
  license_plate: ['plate'],
  gov_id: ['gov_id'],
};

/** What a watchlist hit says: who is protected and which kind of identifier matched, never the value. */
export interface WatchlistHit {
  readonly personId: number;
  readonly field: WatchlistField;
  /** Index into the result's findings. */
  readonly finding: number;
}
