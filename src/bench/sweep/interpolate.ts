/**
 * QPS at a given recall on a recall/QPS frontier: the Pareto-optimal points sorted by recall, joined by straight
 * lines (the piecewise-linear frontier ann-benchmarks plots). Outside the frontier's recall range there is no
 * value: extrapolating a frontier says nothing measured.
 */
export interface FrontierXY {
  recall: number;
  qps: number;
}

/** The Pareto-optimal points of `points` on (recall up, QPS up), ascending by recall. */
export function frontierOf(points: readonly FrontierXY[]): FrontierXY[] {
  const finite = points.filter((p) => Number.isFinite(p.recall) && Number.isFinite(p.qps));
  const best = finite.filter((p) => !finite.some((q) => q.recall >= p.recall && q.qps >= p.qps && (q.recall > p.recall || q.qps > p.qps)));
  const unique = new Map<number, FrontierXY>();
  for (const p of best) unique.set(p.recall, p);
  return [...unique.values()].sort((a, b) => a.recall - b.recall);
}

/** Linear interpolation between the frontier points around `recall`; null outside [first, last] recall. */
export function qpsAtRecall(frontier: readonly FrontierXY[], recall: number): number | null {
  const first = frontier[0];
  const last = frontier[frontier.length - 1];
  if (!first || !last || recall < first.recall || recall > last.recall) return null;
  for (let i = 0; i < frontier.length; i++) {
    const hi = frontier[i]!;
    if (recall === hi.recall) return hi.qps;
    if (recall < hi.recall) {
      const lo = frontier[i - 1]!;
      return lo.qps + ((hi.qps - lo.qps) * (recall - lo.recall)) / (hi.recall - lo.recall);
    }
  }
  return null;
}
