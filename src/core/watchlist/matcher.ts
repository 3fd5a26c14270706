import type { Finding } from '../types.js';
import { canonicalVariants } from './canonical.js';
import { FIELDS_FOR_FINDING, type WatchlistField, type WatchlistHit } from './fields.js';
import type { KeyedHasher } from './keyed-hash.js';

/** One stored identifier hash of a protected person. */
export interface WatchlistEntryHash {
  readonly personId: number;
  readonly field: WatchlistField;
  readonly keyId: string;
  readonly hash: string;
}

/**
 * Checks findings against the watchlist: each finding costs a few HMACs and hash-map lookups,
 * whatever the number of protected persons. Holds hashes only.
 */
export class WatchlistMatcher {
  private readonly index = new Map<string, number[]>();

  constructor(
    private readonly hasher: KeyedHasher,
    entries: Iterable<WatchlistEntryHash>,
  ) {
    for (const e of entries) {
      const key = `${e.keyId}:${e.field}:${e.hash}`;
      const persons = this.index.get(key) ?? [];
      if (!persons.includes(e.personId)) persons.push(e.personId);
      this.index.set(key, persons);
    }
  }

  get size(): number {
    return this.index.size;
  }

  match(findings: readonly Finding[], text: string): WatchlistHit[] {
    if (this.index.size === 0) return [];
    const hits: WatchlistHit[] = [];
    const seen = new Set<string>();
    findings.forEach((finding, index) => {
      const fields = FIELDS_FOR_FINDING[finding.type];
      if (fields === undefined) return;
      const value = finding.canonical ?? text.slice(finding.start, finding.end);
      for (const field of fields) {
        for (const variant of canonicalVariants(field, value)) {
          for (const { keyId, hash } of this.hasher.hashAll(field, variant)) {
            for (const personId of this.index.get(`${keyId}:${field}:${hash}`) ?? []) {
              const id = `${personId}:${field}:${index}`;
              if (seen.has(id)) continue;
              seen.add(id);
              hits.push({ personId, field, finding: index });
            }
          }
        }
      }
    });
    return hits;
  }
}
