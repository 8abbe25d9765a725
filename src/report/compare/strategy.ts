/**
 * Two runs whose indexes were built by pipelines: the strategies side by side (chunks, size, build cost) and
 * paired per-query deltas of the document-level measures, with the queries each strategy wins. Paired by query
 * id over queries judged in both runs, as the quality gates pair them (same interval method: a seeded bootstrap
 * of the mean difference, and a sign-flip permutation p).
 */
import { seededRng } from '../../bench/latency/index.js';
import { comparePaired, pairByQuery } from '../../bench/quality/index.js';
import type { Report, StrategyComparison } from '../types.js';
import type { ResolvedGates } from './gate-options.js';

/** |difference| at or below this is a tie (measures are ratios of small integers; floating noise is far smaller). */
const TIE = 1e-9;

export function strategyComparison(baseline: Report, candidate: Report, g: ResolvedGates): StrategyComparison | undefined {
  if (!baseline.strategy && !candidate.strategy) return undefined;
  const out: StrategyComparison = { baseline: baseline.strategy ?? null, candidate: candidate.strategy ?? null, measures: [], wins: null };
  const bd = baseline.documents;
  const cd = candidate.documents;
  if (!bd || !cd) return out;
  const cutoffs = candidate.settings.cutoffs.filter((c) => baseline.settings.cutoffs.includes(c));
  const names = [...cutoffs.flatMap((c) => [`ndcg_cut_${c}`, `recall_${c}`]), 'recip_rank', 'map'];
  for (const name of names) {
    const values = (d: NonNullable<Report['documents']>): Map<string, number> =>
      new Map(Object.entries(d.perQuery).flatMap(([q, v]) => (v[name] === undefined ? [] : [[q, v[name]!] as [string, number]])));
    const paired = pairByQuery(values(bd), values(cd));
    if (paired.ids.length === 0) continue;
    const r = comparePaired(paired.baseline, paired.candidate, { resamples: g.resamples, permutations: g.resamples, confidence: g.confidence, random: seededRng(`${g.seed}:strategy:${name}`) });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    out.measures.push({ name, baseline: mean(paired.baseline), candidate: mean(paired.candidate), delta: r.meanDiff, ci: { lo: r.ci[0], hi: r.ci[1] }, permutationP: r.permutationP, n: r.n });
    if (out.wins === null) {
      const wins = { measure: name, candidate: [] as string[], baseline: [] as string[], ties: 0 };
      paired.ids.forEach((id, i) => {
        const d = paired.candidate[i]! - paired.baseline[i]!;
        if (d > TIE) wins.candidate.push(id);
        else if (d < -TIE) wins.baseline.push(id);
        else wins.ties++;
      });
      out.wins = wins;
    }
  }
  return out;
}
