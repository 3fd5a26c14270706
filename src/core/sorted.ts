/** Binary searches over anything sorted by a numeric key; `keyAt(i)` reads the key of element i. */

/** First index in [0, length) whose key is ≥ `value`; `length` when none. */
export function lowerBound(length: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [0, length) whose key is > `value`; `length` when none. */
export function upperBound(length: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
