import { invalid } from '../../errors.js';
import type { HistogramBucket } from './types.js';

export interface HistogramOptions {
  /** buckets per power of ten; @default 10 */
  bucketsPerDecade?: number;
}

/**
 * Log-spaced histogram of sorted, non-negative samples. Bucket edges are 10^(k / bucketsPerDecade) for integer
 * k, aligned to powers of ten so histograms of different runs share edges and can be overlaid. Buckets are
 * [lo, hi); samples <= 0 (possible with a coarse clock) go to a first bucket [0, smallest edge). Only the range
 * from the first to the last non-empty bucket is returned, empty buckets in between included.
 */
export function logHistogram(sorted: ArrayLike<number>, options: HistogramOptions = {}): HistogramBucket[] {
  const per = options.bucketsPerDecade ?? 10;
  if (!Number.isInteger(per) || per < 1) throw invalid('bucketsPerDecade', per, 'an integer >= 1', 'logHistogram');
  const n = sorted.length;
  if (n === 0) return [];
  const edge = (k: number): number => 10 ** (k / per);
  // bucket index of a positive value: floor(per * log10(v)), corrected for floating error at exact edges
  const indexOf = (v: number): number => {
    let k = Math.floor(per * Math.log10(v));
    if (edge(k) > v) k -= 1;
    else if (edge(k + 1) <= v) k += 1;
    return k;
  };
  const out: HistogramBucket[] = [];
  let i = 0;
  let zeros = 0;
  while (i < n && (sorted[i] as number) <= 0) {
    zeros++;
    i++;
  }
  if (i === n) return [{ lo: 0, hi: 0, count: zeros }];
  let k = indexOf(sorted[i] as number);
  if (zeros > 0) out.push({ lo: 0, hi: edge(k), count: zeros });
  while (i < n) {
    const hi = edge(k + 1);
    let count = 0;
    while (i < n && (sorted[i] as number) < hi) {
      count++;
      i++;
    }
    out.push({ lo: edge(k), hi, count });
    k++;
  }
  return out;
}
