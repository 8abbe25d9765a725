/**
 * How many rows per query the screen keeps for float64 re-ranking. Correctness does not rest on this number:
 * when the screen's error bound cannot separate the k-th candidate from the dropped rows, the query is scanned
 * in float64 (see screen-bound.ts). The margin of max(32, k/4) rows makes that fallback rare on real data, at a
 * cost of (k + margin) x dim float64 operations per query.
 */
export function candidateCount(k: number, n: number): number {
  return Math.min(n, k + Math.max(32, Math.ceil(k / 4)));
}
