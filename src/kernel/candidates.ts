/**
 * How many rows per query the float32 screen keeps for float64 re-ranking. The screen's scores carry a relative
 * rounding error around 1e-6; a true top-k row is lost only if more than max(32, k/4) other rows score within
 * that error of the k-th one. The margin costs (k + margin) x dim float64 operations per query.
 */
export function candidateCount(k: number, n: number): number {
  return Math.min(n, k + Math.max(32, Math.ceil(k / 4)));
}
