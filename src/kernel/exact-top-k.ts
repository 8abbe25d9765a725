/**
 * Exact top-k: for each of m queries, the k rows of the base closest under `metric`, sorted by distance
 * ascending, ties by row index ascending. Parses its arguments, then hands resolved values to a kernel.
 */
import { availableParallelism } from 'node:os';
import { METRICS, type Metric } from '../config/types.js';
import { VecstageError, invalid } from '../errors.js';
import { candidateCount } from './candidates.js';
import { runJsKernel } from './js-kernel.js';
import { loadNativeKernel } from './native-binding.js';
import type { ExactTopKOptions, ExactTopKResult, KernelJob, KernelName } from './types.js';

const METRIC_CODE: Record<Metric, number> = { cosine: 0, ip: 1, l2: 2 };
const QUERY_BATCH = 4096;

export function exactTopK(
  base: Float32Array | readonly Float32Array[], n: number, dim: number, queries: Float32Array, m: number, k: number, metric: Metric,
  opts: ExactTopKOptions = {},
): ExactTopKResult {
  checkCount('n', n, 0);
  checkCount('dim', dim, 1);
  checkCount('m', m, 0);
  checkCount('k', k, 0);
  if (!METRICS.includes(metric)) throw invalid('metric', metric, METRICS.join(', '), 'exactTopK');
  checkBase(base, n, dim);
  if (!(queries instanceof Float32Array) || queries.length < m * dim) {
    throw invalid('queries', describe(queries), `a Float32Array of at least m x dim = ${m * dim} values`, 'exactTopK');
  }
  const masks = opts.mask ? Array.from({ length: m }, (_, q) => checkMask(opts.mask?.(q), q, n)) : undefined;
  const threads = opts.threads ?? availableParallelism();
  checkCount('threads', threads, 1);
  const kernel = chooseKernel(opts.kernel ?? 'auto');
  const job: KernelJob = {
    // the portable kernel reads one slab: chunks are joined (the native one searches them where they lie)
    base: base instanceof Float32Array ? base : kernel === 'js' || !nativeTakesChunks() ? joinRows(base, n, dim) : new Float32Array(0), n, dim, queries, m, k, metric, masks, threads,
    cand: candidateCount(k, n),
    outIdx: new Int32Array(m * k),
    outDist: new Float32Array(m * k),
  };
  if (kernel === 'native') {
    const native = loadNativeKernel().kernel!;
    // Batches bound the per-thread heaps (queries x candidates) whatever m is; the base is shared by all.
    for (let q0 = 0; q0 < m; q0 += QUERY_BATCH) {
      const q1 = Math.min(m, q0 + QUERY_BATCH);
      native.topK(
        base instanceof Float32Array || !nativeTakesChunks() ? job.base : base, n, dim, queries.subarray(q0 * dim, q1 * dim), q1 - q0, k, job.cand, METRIC_CODE[metric],
        masks ? masks.slice(q0, q1) : null, threads, job.outIdx.subarray(q0 * k, q1 * k), job.outDist.subarray(q0 * k, q1 * k),
      );
    }
  } else {
    runJsKernel(job);
  }
  return { indices: job.outIdx, distances: job.outDist, kernel };
}

/** an addon built before chunked bases (and mapFile) existed takes one slab only */
function nativeTakesChunks(): boolean {
  return typeof loadNativeKernel().kernel?.mapFile === 'function';
}

/** Which kernel `auto` resolves to here, and why the native one is missing when it is. */
export function kernelInfo(): { kernel: KernelName; isa: string | undefined; error: string | undefined } {
  const { kernel, error } = loadNativeKernel();
  return { kernel: chooseKernel('auto'), isa: kernel?.isa, error };
}

function chooseKernel(want: 'auto' | KernelName): KernelName {
  const forced = process.env.VECSTAGE_KERNEL;
  const resolved = want === 'auto' && (forced === 'js' || forced === 'native') ? forced : want;
  if (resolved === 'js') return 'js';
  const { kernel, error } = loadNativeKernel();
  if (kernel) return 'native';
  if (resolved === 'native') {
    throw new VecstageError('INTERNAL', `native kernel requested but not loadable (${error}); build it with: node src/kernel/native/build.js`);
  }
  return 'js';
}

/** one Float32Array of >= n x dim values, or chunks of whole rows (lengths multiples of dim) holding >= n rows */
function checkBase(base: Float32Array | readonly Float32Array[], n: number, dim: number): void {
  if (base instanceof Float32Array) {
    if (base.length < n * dim) throw invalid('base', describe(base), `a Float32Array of at least n x dim = ${n * dim} values`, 'exactTopK');
    return;
  }
  if (!Array.isArray(base)) throw invalid('base', describe(base), 'a Float32Array, or an array of Float32Array chunks of whole rows', 'exactTopK');
  let rows = 0;
  base.forEach((chunk: unknown, c) => {
    if (!(chunk instanceof Float32Array) || chunk.length % dim !== 0) {
      throw invalid(`base chunk ${c}`, describe(chunk), `a Float32Array whose length is a multiple of dim = ${dim}`, 'exactTopK');
    }
    rows += chunk.length / dim;
  });
  if (rows < n) throw invalid('base', `${base.length} chunks of ${rows} rows`, `chunks holding at least n = ${n} rows`, 'exactTopK');
}

function joinRows(chunks: readonly Float32Array[], n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const part = c.length <= out.length - at ? c : c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw invalid(name, v, `an integer >= ${min}`, 'exactTopK');
}

function checkMask(mask: Uint8Array | undefined, q: number, n: number): Uint8Array | undefined {
  if (mask !== undefined && (!(mask instanceof Uint8Array) || mask.length < n)) {
    throw invalid('mask', describe(mask), `undefined or a Uint8Array of length n = ${n}`, `exactTopK query ${q}`);
  }
  return mask;
}

function describe(v: unknown): string {
  return ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as unknown as { length: number }).length})` : typeof v;
}
