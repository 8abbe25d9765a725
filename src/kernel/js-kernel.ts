/**
 * The portable kernel: the same two stages as the native one (screen every row into a bounded heap, then
 * re-rank the candidates in float64), in plain JS. Used when the addon is not built; results are identical.
 */
import { BoundedHeap } from './bounded-heap.js';
import { rescoreQuery } from './rescore.js';
import type { KernelJob } from './types.js';

export function runJsKernel(job: KernelJob): void {
  const { base, n, dim, queries, m, metric } = job;
  const rowTerm = metric === 'ip' ? undefined : rowTerms(base, n, dim, metric === 'cosine');
  const heap = new BoundedHeap(Math.max(1, job.cand));
  for (let q = 0; q < m; q++) {
    heap.reset();
    const mask = job.masks?.[q];
    const qo = q * dim;
    for (let row = 0; row < n; row++) {
      if (mask && !mask[row]) continue;
      const bo = row * dim;
      let dot = 0;
      for (let p = 0; p < dim; p++) dot += queries[qo + p]! * base[bo + p]!;
      const s = rowTerm === undefined ? dot : metric === 'cosine' ? dot * rowTerm[row]! : 2 * dot - rowTerm[row]!;
      // rows arrive in ascending order, so an equal score never beats the kept one
      if (s > heap.threshold) heap.push(s, row);
    }
    rescoreQuery(metric, base, dim, queries, q, heap.index, heap.size, job.k, job.outIdx, job.outDist);
  }
}

/** cosine: 1/||b|| (0 for a zero row); l2: ||b||^2. Only ranks the screen; distances come from rescoring. */
function rowTerms(base: Float32Array, n: number, dim: number, inverse: boolean): Float64Array {
  const out = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    let ss = 0;
    for (let p = row * dim, end = p + dim; p < end; p++) ss += base[p]! * base[p]!;
    out[row] = inverse ? (ss > 0 ? 1 / Math.sqrt(ss) : 0) : ss;
  }
  return out;
}
