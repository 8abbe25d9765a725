/**
 * Quantile by linear interpolation between closest ranks (Hyndman & Fan type 7: R's default, numpy's "linear"):
 * h = (n - 1) p, q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]) over the sorted values.
 * quantile([1..6], 0.75) = 4.75. NaN for no values.
 */
import { quantile as quantileR7 } from '../latency/quantile.js';

export function quantile(values: readonly number[], p: number): number {
  return quantileSorted([...values].sort((a, b) => a - b), p);
}

/** The latency module's R-7 quantile, with the quality module's conventions: NaN for no values, p clamped. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : quantileR7(sorted, Math.min(1, Math.max(0, p)));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
