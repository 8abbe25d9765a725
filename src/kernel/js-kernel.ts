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
  const cand = Math.max(1, job.cand);
  // Four queries share each pass over the base: every base value loaded once feeds four products.
  for (let q0 = 0; q0 < m; q0 += 4) {
    const count = Math.min(4, m - q0);
    const heaps = Array.from({ length: count }, () => new BoundedHeap(cand));
    const masks = Array.from({ length: 4 }, (_, i) => (i < count ? job.masks?.[q0 + i] : undefined));
    // a short final group repeats its first query in the unused slots and ignores their scores
    const o = [0, 1, 2, 3].map((i) => (q0 + (i < count ? i : 0)) * dim);
    const o0 = o[0]!, o1 = o[1]!, o2 = o[2]!, o3 = o[3]!;
    for (let row = 0; row < n; row++) {
      const bo = row * dim;
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      for (let p = 0; p < dim; p++) {
        const b = base[bo + p]!;
        d0 += queries[o0 + p]! * b;
        d1 += queries[o1 + p]! * b;
        d2 += queries[o2 + p]! * b;
        d3 += queries[o3 + p]! * b;
      }
      const t = rowTerm === undefined ? 0 : rowTerm[row]!;
      const dots = [d0, d1, d2, d3];
      for (let i = 0; i < count; i++) {
        const mask = masks[i];
        if (mask && !mask[row]) continue;
        const dot = dots[i]!;
        const s = rowTerm === undefined ? dot : metric === 'cosine' ? dot * t : 2 * dot - t;
        const heap = heaps[i]!;
        // rows arrive in ascending order, so an equal score never beats the kept one
        if (s > heap.threshold) heap.push(s, row);
      }
    }
    for (let i = 0; i < count; i++) {
      const heap = heaps[i]!;
      rescoreQuery(metric, base, dim, queries, q0 + i, heap.index, heap.size, job.k, job.outIdx, job.outDist);
    }
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
