/** Hand-made sweep points and sweep reports for frontier tests (Pareto marks computed by the real markPareto). */
import { markPareto } from '../../src/bench/sweep/index.js';
import type { FrontierPoint, Report } from '../../src/report/types.js';

/** One point of an ef_search sweep; p95 defaults to 1000 / qps ms, as if latency alone set the throughput. */
export function frontierPoint(ef: number, recall: number, qps: number, p95 = 1000 / qps, ndcg?: number): FrontierPoint {
  return {
    settings: { ef_search: ef },
    recall: { '10': recall },
    ndcg: ndcg === undefined ? {} : { '10': ndcg },
    queries: 40,
    errored: 0,
    serial: { count: 400, min: p95 / 4, max: p95 * 3, mean: p95 / 2, stddev: p95 / 5, p50: p95 / 2, p90: p95 * 0.9, p95, p99: p95 * 1.5, p999: p95 * 2 },
    qps,
    levels: [{ concurrency: 16, qps, p95 }],
    errorRate: 0,
    variantSeconds: 1.5,
    pareto: { qps: false, p95: false },
  };
}

/** `report` as a sweep over ef_search with `points` (Pareto-marked at recall@10), the pick at `chosen` if given. */
export function withFrontier(report: Report, points: FrontierPoint[], chosen: number | null = null, notes: string[] = []): Report {
  const marked = markPareto(points, 10);
  return {
    ...report,
    frontier: {
      setting: 'ef_search',
      method: 'hand-made points',
      indexValue: 100,
      cutoff: 10,
      concurrency: 16,
      points: marked,
      pick: chosen === null ? null : { expression: 'recall>=0.85', chosen, reason: `the fastest point meeting recall>=0.85: ef_search=${marked[chosen]!.settings.ef_search}` },
      primary: chosen ?? marked.length - 1,
      notes,
    },
  };
}
