/**
 * Outlier norm, robustly: a norm is an outlier when |norm - median| > k * 1.4826 * MAD (the MAD scaled to a
 * normal sigma; Hampel's identifier). Normalised embeddings have MAD ~ 0, so a relative floor keeps float noise
 * from being flagged.
 */
export interface NormStats {
  median: number;
  mad: number;
  threshold: number;
}

export function normStats(norms: ArrayLike<number>, k: number, relativeFloor: number): NormStats {
  const sorted = Float64Array.from(norms).sort();
  const median = medianOfSorted(sorted);
  const dev = sorted.map((v) => Math.abs(v - median)).sort();
  const mad = medianOfSorted(dev);
  return { median, mad, threshold: Math.max(k * 1.4826 * mad, relativeFloor * median) };
}

export function isOutlierNorm(norm: number, stats: NormStats): boolean {
  return Math.abs(norm - stats.median) > stats.threshold;
}

function medianOfSorted(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
}
