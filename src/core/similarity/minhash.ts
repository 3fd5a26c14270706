/**
 * MinHash signatures with LSH banding, to find near-duplicate posts (reposts of one dox with small
 * edits) without comparing a post to every stored one: posts that share a band bucket are
 * candidates. Written here because no maintained package does this; small and deterministic.
 */

export interface MinHashOptions {
  /** Characters per shingle. */
  readonly shingleSize: number;
  readonly bands: number;
  readonly rowsPerBand: number;
}

/** 16 bands × 4 rows: pairs above ~0.5 Jaccard similarity share a bucket with high probability. */
export const DEFAULT_MINHASH: MinHashOptions = { shingleSize: 5, bands: 16, rowsPerBand: 4 };

const MAX_HASH = 0xffffffff;

/** Deterministic per-function seeds from a fixed linear congruential sequence. */
function seeds(count: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state;
  }
  return out;
}

/**
 * MurmurHash3's 32-bit finalizer: a bijection on 32-bit integers that mixes every input bit into
 * every output bit. `fmix32(x ^ seed)` per seed gives the independent-looking hash functions
 * MinHash needs, in integer multiplies (a modular a·x + b over doubles cost ten times as much).
 */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a of a string's UTF-16 units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Lower-cased words joined by single spaces: edits in spacing, case or punctuation do not matter. */
export function canonicalForShingles(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

export function shingles(text: string, size: number): Set<number> {
  const canonical = canonicalForShingles(text);
  const out = new Set<number>();
  if (canonical.length === 0) return out;
  if (canonical.length <= size) {
    out.add(fnv1a(canonical));
    return out;
  }
  // FNV-1a of each window, read in place: no substring per shingle.
  for (let i = 0; i + size <= canonical.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + size; j++) h = Math.imul(h ^ canonical.charCodeAt(j), 0x01000193);
    out.add(h >>> 0);
  }
  return out;
}

export class MinHasher {
  private readonly seeds: Uint32Array;

  constructor(readonly options: MinHashOptions = DEFAULT_MINHASH) {
    this.seeds = seeds(options.bands * options.rowsPerBand);
  }

  /** One minimum per hash function; an empty text gives an empty signature. */
  signature(text: string): Uint32Array {
    const set = shingles(text, this.options.shingleSize);
    const size = this.seeds.length;
    const sig = new Uint32Array(set.size === 0 ? 0 : size).fill(MAX_HASH);
    for (const x of set) {
      for (let i = 0; i < size; i++) {
        const h = fmix32(x ^ (this.seeds[i] as number));
        if (h < (sig[i] as number)) sig[i] = h;
      }
    }
    return sig;
  }

  /** One bucket key per band: `<band>:<hash of the band's rows>`. */
  bandKeys(signature: Uint32Array): string[] {
    if (signature.length === 0) return [];
    const { bands, rowsPerBand } = this.options;
    const keys: string[] = [];
    for (let band = 0; band < bands; band++) {
      const rows = Array.from(signature.subarray(band * rowsPerBand, (band + 1) * rowsPerBand), (v) => v.toString(36)).join('.');
      keys.push(`${band}:${fnv1a(rows).toString(36)}`);
    }
    return keys;
  }
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimatedSimilarity(x: Uint32Array, y: Uint32Array): number {
  if (x.length === 0 || x.length !== y.length) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}
