/**
 * Selectivity bands (issue 12): how restrictive a query's filter is, as the share of the sample's rows it passes.
 * VectorDBBench reports filtered search at 1% and 99%; the bands here split that range where HNSW-style indexes
 * change behaviour (a restrictive filter starves the graph walk, a permissive one barely matters).
 */
export const FILTERED_BANDS = ['<=1%', '1-10%', '10-50%', '>50%'] as const;
export const SELECTIVITY_BANDS = [...FILTERED_BANDS, 'unfiltered'] as const;
export type FilteredBand = (typeof FILTERED_BANDS)[number];
export type SelectivityBandName = (typeof SELECTIVITY_BANDS)[number];

/**
 * The band of a filter that passes `passing` of `total` rows. An edge belongs to the band below it: exactly 1% is
 * `<=1%`, exactly 10% is `1-10%`, exactly 50% is `10-50%`. Integer comparisons, so 10 of 1000 is exactly 1%
 * whatever floating point would make of 0.01. A filter that passes nothing (or an empty corpus) is `<=1%`.
 */
export function bandOf(passing: number, total: number): FilteredBand {
  if (passing * 100 <= total) return '<=1%';
  if (passing * 10 <= total) return '1-10%';
  if (passing * 2 <= total) return '10-50%';
  return '>50%';
}
