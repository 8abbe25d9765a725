import { isRelevant, type JudgedRanking } from './judge-ranking.js';

/**
 * Binary measures with trec_eval's definitions (m_P.c, m_recall.c, m_success.c, m_recip_rank.c, m_map.c).
 * Every cutoff k counts ranks 1..k; past the end of the ranking the missing docs count as non-relevant.
 */

function relevantInTop(r: JudgedRanking, k: number): number {
  let n = 0;
  const end = Math.min(k, r.rels.length);
  for (let i = 0; i < end; i++) if (isRelevant(r.rels[i] ?? -1, r)) n++;
  return n;
}

/** P_k: relevant docs in the top k / k (k, not the number retrieved). */
export function precisionAt(r: JudgedRanking, k: number): number {
  return relevantInTop(r, k) / k;
}

/** recall_k: relevant docs in the top k / all relevant docs in the qrels (0 when the qrels hold none). */
export function recallAt(r: JudgedRanking, k: number): number {
  return r.numRel > 0 ? relevantInTop(r, k) / r.numRel : 0;
}

/** success_k (hit@k): 1 when a relevant doc is in the top k, else 0. */
export function successAt(r: JudgedRanking, k: number): number {
  return relevantInTop(r, k) > 0 ? 1 : 0;
}

/** recip_rank: 1 / rank of the first relevant doc, 0 when none is retrieved. */
export function reciprocalRank(r: JudgedRanking): number {
  const i = r.rels.findIndex((rel) => isRelevant(rel, r));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** map (per query: average precision): sum of precision at each relevant retrieved doc / all relevant in the qrels. */
export function averagePrecision(r: JudgedRanking): number {
  if (r.numRel === 0) return 0;
  let found = 0;
  let sum = 0;
  r.rels.forEach((rel, i) => {
    if (!isRelevant(rel, r)) return;
    found++;
    sum += found / (i + 1);
  });
  return sum / r.numRel;
}

/** Rprec: precision at rank R, R = all relevant in the qrels. */
export function rPrecision(r: JudgedRanking): number {
  return r.numRel > 0 ? relevantInTop(r, r.numRel) / r.numRel : 0;
}
