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
  // medians by selection, not by sorting (O(n): ~5x faster at 100k rows); the same values as sorting gives
  const a = Float64Array.from(norms);
  const median = medianInPlace(a);
  for (let i = 0; i < a.length; i++) a[i] = Math.abs((a[i] as number) - median);
  const mad = medianInPlace(a);
  return { median, mad, threshold: Math.max(k * 1.4826 * mad, relativeFloor * median) };
}

export function isOutlierNorm(norm: number, stats: NormStats): boolean {
  return Math.abs(norm - stats.median) > stats.threshold;
}

/** The median of `a` (the mean of the two middle values for an even length; 0 when empty), reordering `a`. */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  selectNth(a, mid);
  if (n % 2) return a[mid] as number;
  // the lower middle value: the largest of a[0..mid), all of which are <= a[mid] after the selection
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + (a[mid] as number)) / 2;
}

/** Reorders `a` so that a[k] is its k-th smallest value, with no larger value before it (quickselect, Hoare). */
function selectNth(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo] as number;
    const y = a[(lo + hi) >>> 1] as number;
    const z = a[hi] as number;
    // median of three
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
