import type { Metric } from '../config/types.js';

export type { Metric };

export type KernelName = 'native' | 'js';

export interface ExactTopKOptions {
  /** per-query candidate mask (1 = row may be returned, length n), e.g. from a metadata filter; undefined = all rows */
  mask?: (queryIndex: number) => Uint8Array | undefined;
  /** `auto` (default): native when built, else js; env VECSTAGE_KERNEL=js|native overrides auto */
  kernel?: 'auto' | KernelName;
  /** worker threads for the native kernel; @default every core */
  threads?: number;
}

export interface ExactTopKResult {
  /** m x k row-major base row indices, closest first; -1 where fewer than k rows qualify */
  indices: Int32Array;
  /** m x k row-major distances (see src/backends/distance.ts); Infinity where indices is -1 */
  distances: Float32Array;
  kernel: KernelName;
}

/** What both kernels compute: fill outIdx/outDist (m x k) for the screened candidates. */
export interface KernelJob {
  base: Float32Array;
  n: number;
  dim: number;
  queries: Float32Array;
  m: number;
  k: number;
  /** candidates kept per query by the float32 screen before the float64 re-ranking */
  cand: number;
  metric: Metric;
  masks: (Uint8Array | undefined)[] | undefined;
  threads: number;
  outIdx: Int32Array;
  outDist: Float32Array;
}
