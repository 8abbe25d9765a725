/** One sweep point's report -> its frontier summary (what report.json keeps of every point). */
import { headline } from '../../report/summary.js';
import type { FrontierPoint, Report } from '../../report/types.js';
import { paretoFlags } from './pareto.js';

export function pointOf(report: Report, settings: Record<string, number>, concurrency: number, variantSeconds: number): FrontierPoint {
  const rel = report.quality.relevance;
  const ndcg: Record<string, number> = {};
  for (const c of report.settings.cutoffs) {
    const v = rel?.[`ndcg_cut_${c}`];
    if (v !== undefined) ndcg[String(c)] = v;
  }
  const levels = report.latency.sweep.levels.map((l) => ({ concurrency: l.concurrency, qps: l.qps, p95: l.latency?.p95 ?? null }));
  return {
    settings,
    recall: report.quality.recall,
    ndcg,
    queries: report.quality.queries,
    errored: report.quality.errored,
    serial: report.latency.serial.latency,
    qps: levels.find((l) => l.concurrency === concurrency)?.qps ?? 0,
    levels,
    errorRate: headline(report).errorRate,
    variantSeconds: Math.round(variantSeconds * 1000) / 1000,
    pareto: { qps: false, p95: false },
  };
}

/** Marks each point Pareto-optimal (or not) on recall@cutoff vs QPS and on recall@cutoff vs serial p95. */
export function markPareto(points: FrontierPoint[], cutoff: number): FrontierPoint[] {
  const recall = { value: (p: FrontierPoint) => p.recall[String(cutoff)] ?? Number.NaN, better: 'higher' as const };
  const byQps = paretoFlags(points, recall, { value: (p) => p.qps, better: 'higher' });
  const byP95 = paretoFlags(points, recall, { value: (p) => p.serial?.p95 ?? Number.NaN, better: 'lower' });
  return points.map((p, i) => ({ ...p, pareto: { qps: byQps[i] ?? false, p95: byP95[i] ?? false } }));
}
