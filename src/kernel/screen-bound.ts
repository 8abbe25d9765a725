/**
 * When is a screened candidate set provably enough? The screen ranks by approximate scores; a length-d dot
 * product carries an error of at most gamma_d * |q||b| (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 3.1). If the k-th best screened score beats every dropped score by more than twice that bound,
 * the float64 re-ranking of the candidates is the exact top k; otherwise the caller scans every row in float64.
 * Mirrors ScreenErrorBound() in native/kernel.cc (there with float32's unit roundoff).
 */
import type { Metric } from '../config/types.js';

export function screenErrorBound(metric: Metric, queryNormSquare: number, maxRowSquare: number, dim: number, unitRoundoff: number): number {
  const qn = Math.sqrt(queryNormSquare);
  const bn = Math.sqrt(maxRowSquare);
  const mag = metric === 'ip' ? qn * bn : metric === 'cosine' ? qn : 2 * qn * bn + maxRowSquare;
  const nu = (dim + 4) * unitRoundoff;
  // 1e-9 relative slack covers the float64 re-ranking's own rounding
  return ((1.01 * nu) / (1 - nu)) * mag + 1e-9 * mag;
}

/** The k-th largest of the first `size` scores (size >= k). */
export function kthLargest(scores: Float64Array, size: number, k: number): number {
  return Array.from(scores.subarray(0, size)).sort((a, b) => b - a)[k - 1]!;
}
