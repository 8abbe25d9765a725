/**
 * Quality and latency by selectivity band (issue 12): every golden query with a filter is placed by the share of
 * the sample's rows its filter passes; queries without one form the `unfiltered` band. Pure: values in, the
 * report section out.
 */
import type { Metadata } from '../../backends/types.js';
import type { GoldenQuery } from '../../golden/types.js';
import type { PerQueryRow, SelectivityBand, SelectivitySection } from '../../report/types.js';
import { quantile, sortSamples } from '../latency/quantile.js';
import { SELECTIVITY_BANDS, bandOf, type SelectivityBandName } from './bands.js';
import { selectivityOf } from './selectivity.js';

export interface SelectivitySectionOptions {
  queries: readonly GoldenQuery[];
  /** the metadata of the rows selectivity is measured over (the sample, or the index's records) */
  metadata: ReadonlyArray<Metadata | null>;
  source: SelectivitySection['source'];
  perQuery: readonly PerQueryRow[];
  /** how many results the index returned per query id (the quality pass, top-k) */
  returned: ReadonlyMap<string, number>;
  /** the serial pass's ok latencies by query index (recordCalls), when they could be matched */
  serialLatencies: readonly (readonly number[])[] | undefined;
  k: number;
  cutoffs: readonly number[];
}

/** The section, or undefined when no golden query has a filter (a single unfiltered band says nothing). */
export function selectivitySection(o: SelectivitySectionOptions): SelectivitySection | undefined {
  if (!o.queries.some((q) => q.filter)) return undefined;
  const total = o.metadata.length;
  const rows = new Map(o.perQuery.map((r) => [r.id, r]));
  const placed = o.queries.map((q, i) => {
    const s = q.filter ? selectivityOf(q.filter, o.metadata) : { passing: total, total, selectivity: 1 };
    const band: SelectivityBandName = q.filter ? bandOf(s.passing, s.total) : 'unfiltered';
    const row = rows.get(q.id);
    const returned = row?.ok ? (o.returned.get(q.id) ?? 0) : null;
    // short: fewer results than the filter allows (min(k, rows passing)); never padded, and recall already counts
    // the missing ones as misses because its denominator is that same min
    const short = returned !== null && returned < Math.min(o.k, s.passing);
    return { q, i, s, band, row, returned, short };
  });
  const bands: SelectivityBand[] = SELECTIVITY_BANDS.map((name) => {
    const members = placed.filter((p) => p.band === name);
    const ok = members.filter((p) => p.row?.ok);
    const recall: Record<string, number> = {};
    const ndcg: Record<string, number> = {};
    let ndcgQueries = 0;
    for (const c of o.cutoffs.map(String)) {
      const r = mean(ok.map((p) => p.row!.recall[c]));
      if (r !== undefined) recall[c] = r;
      const judged = ok.map((p) => p.row!.ndcg[c]).filter((v): v is number => v !== undefined);
      if (judged.length) {
        ndcg[c] = judged.reduce((a, b) => a + b, 0) / judged.length;
        ndcgQueries = Math.max(ndcgQueries, judged.length);
      }
    }
    const sel = members.filter((p) => p.q.filter).map((p) => p.s.selectivity);
    const samples = o.serialLatencies ? members.flatMap((p) => o.serialLatencies![p.i] ?? []) : [];
    const sorted = sortSamples(samples);
    return {
      name,
      queries: ok.length,
      errored: members.length - ok.length,
      selectivity: sel.length ? { min: Math.min(...sel), max: Math.max(...sel) } : null,
      recall,
      ndcg,
      ndcgQueries,
      shortLists: members.filter((p) => p.short).length,
      latency: sorted.length ? { samples: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) } : null,
    };
  });
  return {
    rows: total,
    source: o.source,
    k: o.k,
    latencyFrom: o.serialLatencies ? 'serial' : null,
    bands,
    queries: placed
      .filter((p) => p.q.filter)
      .map((p) => ({ id: p.q.id, band: p.band as SelectivitySection['queries'][number]['band'], passing: p.s.passing, selectivity: p.s.selectivity, returned: p.returned, short: p.short })),
  };
}

function mean(values: ReadonlyArray<number | undefined>): number | undefined {
  const v = values.filter((x): x is number => x !== undefined);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
}
