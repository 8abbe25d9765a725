import type { SweepLevelResult } from '../bench/latency/types.js';
import type { PerQueryRow, Report } from './types.js';

/** The cutoff reported first (recall@10 when cutoffs are [10, 100]). */
export function firstCutoff(r: Report): string {
  return String(r.settings.cutoffs[0] ?? r.settings.k);
}

/** The sweep level with the highest QPS. */
export function maxQps(r: Report): SweepLevelResult | undefined {
  return [...r.latency.sweep.levels].sort((a, b) => b.qps - a.qps)[0];
}

/** The headline nDCG and error rate of a run. */
export function headline(r: Report): { ndcg: number | null; errorRate: number } {
  const cut = firstCutoff(r);
  const rel = r.quality.relevance;
  const ndcg = rel?.[`ndcg_cut_${cut}`] ?? meanOf(r.perQuery.filter((q) => q.ok).map((q) => q.ndcg[cut]));
  const counts = [r.latency.serial.counts, ...r.latency.sweep.levels.map((l) => l.counts)];
  if (r.latency.openLoop) counts.push(r.latency.openLoop.counts);
  const requests = counts.reduce((a, c) => a + c.requests, 0);
  const failed = counts.reduce((a, c) => a + c.errors + c.timeouts, 0);
  return { ndcg, errorRate: requests ? failed / requests : 0 };
}

/**
 * Queries ordered worst first: errored queries, then by recall at the first cutoff, then nDCG (both ascending),
 * then slowest; ties by id so the order is stable.
 */
export function worstRows(r: Report, limit = Infinity): PerQueryRow[] {
  const cut = firstCutoff(r);
  const key = (q: PerQueryRow): number[] => [q.ok ? 1 : 0, q.recall[cut] ?? 2, q.ndcg[cut] ?? 2, -(q.latencyMs ?? 0)];
  return [...r.perQuery]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .slice(0, limit);
}

function meanOf(xs: Array<number | undefined>): number | null {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
