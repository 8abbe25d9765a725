import type { JudgedRanking } from './judge-ranking.js';

/**
 * nDCG as trec_eval computes it (m_ndcg.c, m_ndcg_cut.c; Järvelin & Kekäläinen 2002): gain = the relevance value
 * (linear, not 2^rel - 1), discount 1/log2(rank + 1), and the ideal ranking built from every judged doc in the
 * qrels, retrieved or not. The relevance level used by binary measures plays no part here. 0 when the ideal is 0.
 */
export function ndcg(r: JudgedRanking, gains?: ReadonlyMap<number, number>): number {
  const gainOf = (rel: number): number => gains?.get(rel) ?? (rel >= 0 ? rel : 0);
  const ideal = idealDcg(idealGains(r, gains), Infinity);
  return ideal > 0 ? dcg(r.rels.map(gainOf), Infinity) / ideal : 0;
}

/** ndcg_cut_k: both the run's DCG and the ideal DCG cut at rank k. */
export function ndcgCut(r: JudgedRanking, k: number): number {
  const ideal = idealDcg(idealGains(r), k);
  return ideal > 0 ? dcg(r.rels.map((rel) => (rel > 0 ? rel : 0)), k) / ideal : 0;
}

function dcg(gainsByRank: readonly number[], k: number): number {
  let sum = 0;
  const end = Math.min(k, gainsByRank.length);
  for (let i = 0; i < end; i++) {
    const g = gainsByRank[i] ?? 0;
    if (g !== 0) sum += g / Math.log2(i + 2);
  }
  return sum;
}

/** (gain, count) per relevance level, highest gain first, positive gains only: the ideal ranking, run-length coded. */
function idealGains(r: JudgedRanking, gains?: ReadonlyMap<number, number>): Array<[number, number]> {
  const levels: Array<[number, number]> = r.relLevels.map((count, level) => [gains?.get(level) ?? level, count]);
  return levels.filter(([gain, count]) => gain > 0 && count > 0).sort((a, b) => b[0] - a[0]);
}

function idealDcg(levels: ReadonlyArray<[number, number]>, k: number): number {
  let sum = 0;
  let rank = 0;
  for (const [gain, count] of levels) {
    for (let j = 0; j < count && rank < k; j++, rank++) sum += gain / Math.log2(rank + 2);
  }
  return sum;
}
