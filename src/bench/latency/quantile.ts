/**
 * Quantiles by linear interpolation between closest ranks: Hyndman & Fan (1996) definition 7, the default of
 * numpy.quantile and R's quantile(). For sorted x of length n and q in [0, 1]:
 *   h = (n - 1) q,  Q(q) = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 * So Q(0) = min, Q(1) = max, and p75 of [1..6] is 4.75.
 */
import { invalid } from '../../errors.js';

export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw invalid('samples', '[]', 'at least one sample', 'quantile');
  if (!(q >= 0 && q <= 1)) throw invalid('quantile', q, 'a number in [0, 1]', 'quantile');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  return a + (h - lo) * (b - a);
}

/** A sorted copy as a Float64Array (numeric order, not the default string order of Array.prototype.sort). */
export function sortSamples(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}
