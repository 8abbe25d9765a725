/**
 * Stage 2 of the portable kernel: re-rank each query's screened candidates by float64 distance (exactDistance),
 * ties to the lower index, and write the best k. The native kernel does the same in C++ with the same arithmetic.
 */
import { compareRanked, exactDistance } from '../backends/distance.js';
import type { Metric } from '../config/types.js';

export function rescoreQuery(
  metric: Metric, base: Float32Array, dim: number, queries: Float32Array, q: number, candidates: ArrayLike<number>,
  count: number, k: number, outIdx: Int32Array, outDist: Float32Array,
): void {
  const found: { d: number; i: number }[] = [];
  for (let c = 0; c < count; c++) {
    const row = candidates[c]!;
    found.push({ d: exactDistance(metric, queries, q * dim, base, row * dim, dim), i: row });
  }
  found.sort((a, b) => compareRanked(a.d, a.i, b.d, b.i));
  for (let r = 0; r < k; r++) {
    const hit = found[r];
    outIdx[q * k + r] = hit ? hit.i : -1;
    outDist[q * k + r] = hit ? hit.d : Infinity;
  }
}
