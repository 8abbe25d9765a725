/**
 * Pareto optimality on two objectives, as ann-benchmarks draws its frontiers: a point is optimal when no other
 * point is at least as good on both and strictly better on one. Pure; O(n^2), sweeps have a handful of points.
 */
export interface Objective<T> {
  value: (p: T) => number;
  better: 'higher' | 'lower';
}

/** One flag per point, in input order. Identical points are all optimal (neither dominates the other). */
export function paretoFlags<T>(points: readonly T[], a: Objective<T>, b: Objective<T>): boolean[] {
  const score = (o: Objective<T>, p: T): number => (o.better === 'higher' ? o.value(p) : -o.value(p));
  return points.map((p) => {
    const pa = score(a, p);
    const pb = score(b, p);
    if (!Number.isFinite(pa) || !Number.isFinite(pb)) return false;
    return !points.some((q) => {
      const qa = score(a, q);
      const qb = score(b, q);
      return qa >= pa && qb >= pb && (qa > pa || qb > pb);
    });
  });
}
