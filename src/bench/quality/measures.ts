import { invalid } from '../../errors.js';

/** The trec_eval measures vecstage computes, in the order trec_eval prints them. */
export const MEASURE_NAMES = [
  'runid',
  'num_q',
  'num_ret',
  'num_rel',
  'num_rel_ret',
  'map',
  'Rprec',
  'recip_rank',
  'P',
  'recall',
  'ndcg',
  'ndcg_cut',
  'success',
] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];

/** Measures that take cutoffs (`P_5`, `recall_10`, ...). */
export const CUTOFF_MEASURES: readonly MeasureName[] = ['P', 'recall', 'ndcg_cut', 'success'];

/** trec_eval's default cutoffs (m_P.c, m_recall.c, m_ndcg_cut.c) and success's (m_success.c). */
export const TREC_CUTOFFS: readonly number[] = [5, 10, 15, 20, 30, 100, 200, 500, 1000];
export const SUCCESS_CUTOFFS: readonly number[] = [1, 5, 10];

/** Counts: summed, not averaged, over queries in the `all` line, and printed as integers. */
export const COUNT_MEASURES: ReadonlySet<string> = new Set(['num_q', 'num_ret', 'num_rel', 'num_rel_ret']);

export interface MeasureRequest {
  name: MeasureName;
  /** for cutoff measures: ascending, distinct, positive integers */
  cutoffs?: number[];
  /** for ndcg: gain per relevance level (trec_eval `ndcg.1=3,2=9`); unlisted levels gain their own value */
  gains?: Map<number, number>;
}

/** Every measure above, with trec_eval's default cutoffs (`-m all_trec`, restricted to what vecstage computes). */
export function defaultMeasures(): MeasureRequest[] {
  return MEASURE_NAMES.map((name) => withDefaults({ name }));
}

export function withDefaults(m: MeasureRequest): MeasureRequest {
  if (m.cutoffs || !CUTOFF_MEASURES.includes(m.name)) return m;
  return { ...m, cutoffs: [...(m.name === 'success' ? SUCCESS_CUTOFFS : TREC_CUTOFFS)] };
}

/** Sorts and checks cutoffs: positive integers, no duplicates (as trec_eval requires). */
export function resolveCutoffs(values: readonly number[], where: string): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  sorted.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 1) throw invalid('cutoff', k, 'positive integers, e.g. 5,10,100', where, 'USAGE');
    if (i > 0 && sorted[i - 1] === k) throw invalid('cutoff', k, 'distinct cutoffs (this one is repeated)', where, 'USAGE');
  });
  return sorted;
}
