import { seededRng } from '../../bench/latency/index.js';
import { comparePaired, pairByQuery } from '../../bench/quality/index.js';
import type { GateMetric, GateResult, PerQueryRow, Report } from '../types.js';
import { gateResult } from './gate-result.js';
import type { ResolvedGates } from './gate-options.js';

type Measure = 'recall' | 'ndcg';

/**
 * recall@k and nDCG@k, gated on the absolute drop. Queries are paired by id (only those answered in both runs),
 * and the interval is a paired bootstrap of the mean per-query difference: the same query in both runs removes
 * the query-difficulty variance that an unpaired comparison would carry.
 */
export function qualityGates(
  baseline: Report,
  candidate: Report,
  g: ResolvedGates,
  skip: (name: string, metric: GateMetric, reason: string) => void,
): GateResult[] {
  const out: GateResult[] = [];
  const specs: Array<{ measure: Measure; metric: GateMetric; label: string; threshold: number | null }> = [
    { measure: 'recall', metric: 'recall', label: 'recall', threshold: g.maxRecallDrop },
    { measure: 'ndcg', metric: 'ndcg', label: 'nDCG', threshold: g.maxNdcgDrop },
  ];
  for (const s of specs) {
    if (s.threshold === null) continue;
    const cutoff = commonCutoff(baseline, candidate, s.measure);
    if (cutoff === undefined) {
      skip(s.label, s.metric, `no ${s.label} cutoff reported by both runs${s.measure === 'ndcg' ? ' (no qrels?)' : ''}`);
      continue;
    }
    const name = `${s.label}@${cutoff}`;
    const paired = pairByQuery(values(baseline.perQuery, s.measure, cutoff), values(candidate.perQuery, s.measure, cutoff));
    if (paired.ids.length === 0) {
      skip(name, s.metric, 'no query was answered in both runs (paired by id)');
      continue;
    }
    const result = comparePaired(paired.baseline, paired.candidate, {
      resamples: g.resamples,
      permutations: g.resamples,
      confidence: g.confidence,
      random: seededRng(`${g.seed}:${s.metric}`),
    });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const unpaired = paired.onlyBaseline.length + paired.onlyCandidate.length;
    out.push(
      gateResult({
        name,
        metric: s.metric,
        better: 'higher',
        baseline: mean(paired.baseline),
        candidate: mean(paired.candidate),
        ci: { lo: result.ci[0], hi: result.ci[1] },
        threshold: s.threshold,
        thresholdKind: 'absolute',
        unit: '',
        detail: `${paired.ids.length} paired queries${unpaired ? `, ${unpaired} in one run only (left out)` : ''}, permutation p=${result.permutationP.toPrecision(2)}`,
      }),
    );
  }
  return out;
}

function values(rows: PerQueryRow[], measure: Measure, cutoff: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const v = r.ok ? r[measure][cutoff] : undefined;
    if (v !== undefined && Number.isFinite(v)) m.set(r.id, v);
  }
  return m;
}

/** The first cutoff (in the candidate's order) that both runs report per query. */
function commonCutoff(baseline: Report, candidate: Report, measure: Measure): string | undefined {
  const has = (r: Report, c: string): boolean => r.perQuery.some((q) => q[measure][c] !== undefined);
  const cutoffs = [...new Set([...candidate.settings.cutoffs.map(String), candidate.settings.k.toString()])];
  return cutoffs.find((c) => has(baseline, c) && has(candidate, c));
}
