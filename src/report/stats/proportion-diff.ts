import type { Interval } from '../../bench/latency/types.js';
import { zFor } from './normal.js';

/** Wilson score interval of a binomial proportion x / n (Wilson 1927). */
export function wilson(x: number, n: number, confidence: number): Interval {
  if (n === 0) return { lo: 0, hi: 1 };
  const z = zFor(confidence);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Interval of the difference of two independent proportions, p2 - p1, by Newcombe's hybrid score method
 * (Newcombe 1998, method 10): it combines the two Wilson intervals and behaves well near 0, where error rates
 * live and the Wald interval collapses.
 */
export function proportionDiffInterval(x1: number, n1: number, x2: number, n2: number, confidence: number): Interval {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const a = wilson(x1, n1, confidence);
  const b = wilson(x2, n2, confidence);
  const d = p2 - p1;
  return {
    lo: d - Math.sqrt((p2 - b.lo) ** 2 + (a.hi - p1) ** 2),
    hi: d + Math.sqrt((b.hi - p2) ** 2 + (p1 - a.lo) ** 2),
  };
}
