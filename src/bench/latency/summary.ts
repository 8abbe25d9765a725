import type { LatencyStats, PercentileName } from './types.js';
import { quantile } from './quantile.js';

/** The percentiles every latency summary reports, by name and quantile. */
export const PERCENTILES: readonly (readonly [PercentileName, number])[] = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
];

/** count, min, max, mean, sample stddev and the R-7 percentiles of sorted samples; null when there are none. */
export function summarize(sorted: ArrayLike<number>): LatencyStats | null {
  const n = sorted.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mean = sum / n;
  // two-pass variance: numerically safer than sum of squares minus square of sum
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - mean;
    ss += d * d;
  }
  const stddev = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return {
    count: n,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean,
    stddev,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    p999: quantile(sorted, 0.999),
  };
}
