import { mean, quantileSorted } from './quantile.js';

/** One query's value of one measure, with what it can be broken down by. */
export interface QueryValue {
  queryId: string;
  value: number;
  tags?: readonly string[];
  /** query weight for weighted means (e.g. 1 / inclusion probability). @default 1 */
  weight?: number;
}

export interface Distribution {
  n: number;
  mean: number;
  /** sum(w v) / sum(w); equals mean when no weights are given */
  weightedMean: number;
  min: number;
  /** R-7 quantiles (see quantile.ts) */
  p10: number;
  p50: number;
  p90: number;
  max: number;
}

/** Summary of values over queries; NaN fields when there are none. */
export function summarize(rows: readonly QueryValue[]): Distribution {
  const sorted = rows.map((r) => r.value).sort((a, b) => a - b);
  let wsum = 0;
  let wv = 0;
  for (const r of rows) {
    const w = r.weight ?? 1;
    wsum += w;
    wv += w * r.value;
  }
  return {
    n: rows.length,
    mean: mean(sorted),
    weightedMean: wsum > 0 ? wv / wsum : NaN,
    min: sorted[0] ?? NaN,
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Summary per tag (a query with several tags counts in each; untagged queries under `untagged`), tags sorted. */
export function byTag(rows: readonly QueryValue[], untagged = '(untagged)'): Map<string, Distribution> {
  const groups = new Map<string, QueryValue[]>();
  for (const r of rows) {
    const tags = r.tags && r.tags.length > 0 ? new Set(r.tags) : new Set([untagged]);
    for (const tag of tags) {
      let g = groups.get(tag);
      if (!g) groups.set(tag, (g = []));
      g.push(r);
    }
  }
  return new Map([...groups.keys()].sort().map((tag) => [tag, summarize(groups.get(tag) ?? [])]));
}

/** The n lowest-valued queries, lowest first; ties by query id ascending so the list is deterministic. */
export function worstQueries<T extends QueryValue>(rows: readonly T[], n: number): T[] {
  return [...rows].sort((a, b) => a.value - b.value || (a.queryId < b.queryId ? -1 : a.queryId > b.queryId ? 1 : 0)).slice(0, n);
}
