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

const PRIME = 4294967311; // smallest prime above 2^32
const MAX_HASH = 0xffffffff;

/** Deterministic per-function coefficients (a, b) from a fixed linear congruential sequence. */
function coefficients(count: number): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(count);
  const b = new Float64Array(count);
  let state = 0x9e3779b9;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  for (let i = 0; i < count; i++) {
    a[i] = (next() % (MAX_HASH - 1)) + 1;
    b[i] = next();
  }
  return { a, b };
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
  for (let i = 0; i + size <= canonical.length; i++) out.add(fnv1a(canonical.slice(i, i + size)));
  return out;
}

/** (a·x + b) mod p without losing precision: a, x < 2^32 so split a into 16-bit halves. */
function mulAddMod(a: number, x: number, b: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return ((((hi * x) % PRIME) * 65536) % PRIME + lo * x + b) % PRIME;
}

export class MinHasher {
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  constructor(readonly options: MinHashOptions = DEFAULT_MINHASH) {
    ({ a: this.a, b: this.b } = coefficients(options.bands * options.rowsPerBand));
  }

  /** One minimum per hash function; an empty text gives an empty signature. */
  signature(text: string): Uint32Array {
    const set = shingles(text, this.options.shingleSize);
    const size = this.a.length;
    const sig = new Uint32Array(set.size === 0 ? 0 : size).fill(MAX_HASH);
    for (const x of set) {
      for (let i = 0; i < size; i++) {
        const h = mulAddMod(this.a[i] ?? 1, x, this.b[i] ?? 0) % 4294967296;
        if (h < (sig[i] ?? MAX_HASH)) sig[i] = h;
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
