import { averagePrecision, precisionAt, rPrecision, recallAt, reciprocalRank, successAt } from './binary-measures.js';
import type { JudgedRanking } from './judge-ranking.js';
import type { MeasureRequest } from './measures.js';
import { ndcg, ndcgCut } from './ndcg.js';

/** Measure values of one query, keyed as trec_eval prints them (`map`, `P_10`, `ndcg_cut_10`, ...), in print order. */
export type MeasureValues = Record<string, number>;

/** Computes the requested measures for one judged ranking. `runid` and `num_q` exist only over all queries. */
export function evaluateQuery(r: JudgedRanking, measures: readonly MeasureRequest[]): MeasureValues {
  const out: MeasureValues = {};
  for (const m of measures) {
    const cut = (f: (r: JudgedRanking, k: number) => number, prefix: string): void => {
      for (const k of m.cutoffs ?? []) out[`${prefix}_${k}`] = f(r, k);
    };
    switch (m.name) {
      case 'runid':
      case 'num_q':
        break;
      case 'num_ret':
        out.num_ret = r.numRet;
        break;
      case 'num_rel':
        out.num_rel = r.numRel;
        break;
      case 'num_rel_ret':
        out.num_rel_ret = r.numRelRet;
        break;
      case 'map':
        out.map = averagePrecision(r);
        break;
      case 'Rprec':
        out.Rprec = rPrecision(r);
        break;
      case 'recip_rank':
        out.recip_rank = reciprocalRank(r);
        break;
      case 'P':
        cut(precisionAt, 'P');
        break;
      case 'recall':
        cut(recallAt, 'recall');
        break;
      case 'ndcg':
        out[ndcgName(m.gains)] = ndcg(r, m.gains);
        break;
      case 'ndcg_cut':
        cut(ndcgCut, 'ndcg_cut');
        break;
      case 'success':
        cut(successAt, 'success');
        break;
    }
  }
  return out;
}

/** trec_eval names parameterised ndcg after its parameters: `ndcg_1=3,2=9,4=4.5`. */
function ndcgName(gains: ReadonlyMap<number, number> | undefined): string {
  if (!gains || gains.size === 0) return 'ndcg';
  return `ndcg_${[...gains].map(([level, gain]) => `${level}=${gain}`).join(',')}`;
}
