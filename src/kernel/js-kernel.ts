/**
 * The portable kernel: the same stages as the native one (screen every row into a bounded heap, re-rank the
 * candidates in float64, scan in float64 when the screen cannot prove its candidates suffice), in plain JS.
 * Used when the addon is not built; both return the exact top k by (float64 distance, index), so they agree.
 */
import { exactDistance } from '../backends/distance.js';
import { BoundedHeap } from './bounded-heap.js';
import { rescoreQuery } from './rescore.js';
import { kthLargest, screenErrorBound } from './screen-bound.js';
import type { KernelJob } from './types.js';

export function runJsKernel(job: KernelJob): void {
  const { base, n, dim, queries, m, metric } = job;
  const { rowTerm, maxRowSquare } = rowTerms(base, n, dim, metric === 'cosine');
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
      const t = rowTerm[row]!;
      const dots = [d0, d1, d2, d3];
      for (let i = 0; i < count; i++) {
        const mask = masks[i];
        if (mask && !mask[row]) continue;
        const dot = dots[i]!;
        const s = metric === 'ip' ? dot : metric === 'cosine' ? dot * t : 2 * dot - t;
        const heap = heaps[i]!;
        // rows arrive in ascending order, so an equal score never beats the kept one
        if (s > heap.threshold) heap.push(s, row);
      }
    }
    for (let i = 0; i < count; i++) {
      const q = q0 + i;
      let heap = heaps[i]!;
      if (heap.size === heap.cap && heap.size >= job.k) {
        const bound = screenErrorBound(metric, exactDistanceSquareNorm(queries, q * dim, dim), maxRowSquare, dim, 2 ** -53);
        if (kthLargest(heap.score, heap.size, job.k) - heap.threshold <= 2 * bound) heap = scanExact(job, q);
      }
      rescoreQuery(metric, base, dim, queries, q, heap.index, heap.size, job.k, job.outIdx, job.outDist);
    }
  }
}

/** Every allowed row by float64 distance: the best k by (distance, index), via the heap on -distance. */
function scanExact(job: KernelJob, q: number): BoundedHeap {
  const heap = new BoundedHeap(Math.max(1, job.k));
  const mask = job.masks?.[q];
  for (let row = 0; row < job.n; row++) {
    if (mask && !mask[row]) continue;
    heap.push(-exactDistance(job.metric, job.queries, q * job.dim, job.base, row * job.dim, job.dim), row);
  }
  return heap;
}

function exactDistanceSquareNorm(v: Float32Array, off: number, dim: number): number {
  let s = 0;
  for (let p = off; p < off + dim; p++) s += v[p]! * v[p]!;
  return s;
}

/** cosine: 1/||b|| (0 for a zero row); l2: ||b||^2; plus the largest ||b||^2 for the error bound. */
function rowTerms(base: Float32Array, n: number, dim: number, inverse: boolean): { rowTerm: Float64Array; maxRowSquare: number } {
  const rowTerm = new Float64Array(n);
  let maxRowSquare = 0;
  for (let row = 0; row < n; row++) {
    let ss = 0;
    for (let p = row * dim, end = p + dim; p < end; p++) ss += base[p]! * base[p]!;
    if (ss > maxRowSquare) maxRowSquare = ss;
    rowTerm[row] = inverse ? (ss > 0 ? 1 / Math.sqrt(ss) : 0) : ss;
  }
  return { rowTerm, maxRowSquare };
}
