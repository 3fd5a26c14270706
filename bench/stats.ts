/** Latency summary of per-call timings in nanoseconds. */
export interface LatencySummary {
  readonly calls: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly perSecond: number;
}

export function summarize(samplesNs: readonly number[]): LatencySummary {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
  const total = sorted.reduce((s, x) => s + x, 0);
  return {
    calls: sorted.length,
    meanUs: total / sorted.length / 1000,
    p50Us: at(0.5),
    p99Us: at(0.99),
    perSecond: sorted.length / (total / 1e9),
  };
}

/** Times `fn` on every text, `rounds` times over, after one warm-up round. */
export function timeEach(texts: readonly string[], rounds: number, fn: (text: string) => unknown): LatencySummary {
  for (const t of texts) fn(t);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const start = process.hrtime.bigint();
      fn(t);
      samples.push(Number(process.hrtime.bigint() - start));
    }
  }
  return summarize(samples);
}

export const us = (x: number): string => `${x.toFixed(1)} µs`;
