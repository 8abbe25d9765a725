import { invalid } from '../../errors.js';

/** True distance of an id to the query (lower is closer), or undefined when unknown. */
export type TrueDistance = ReadonlyMap<string, number> | ((id: string) => number | undefined);

export interface TieAwareRecallOptions {
  k: number;
  /** a returned id counts when its true distance <= the k-th true distance + tolerance. @default 0 */
  tolerance?: number;
}

/**
 * Index fidelity, tie-aware: the share of the first k returned ids whose TRUE distance is within tolerance of the
 * k-th true distance. With exact ties at rank k, any of the tied ids is a correct answer, so an exact search that
 * orders ties differently from the ground truth still scores 1 (see ../shared/data/README.md on SIFT ties).
 * `sortedTrueDistances` are the exact top distances, ascending; fewer than k of them (a small or filtered corpus)
 * lowers the denominator to their count. Ids counted once; unknown ids are misses.
 */
export function tieAwareRecall(
  returnedIds: readonly string[],
  trueDistance: TrueDistance,
  sortedTrueDistances: readonly number[],
  options: TieAwareRecallOptions,
): number {
  const { k } = options;
  const tolerance = options.tolerance ?? 0;
  checkK(k);
  const expected = Math.min(k, sortedTrueDistances.length);
  if (expected === 0) return 1;
  const threshold = (sortedTrueDistances[expected - 1] ?? 0) + tolerance;
  const lookup = typeof trueDistance === 'function' ? trueDistance : (id: string) => trueDistance.get(id);
  const seen = new Set<string>();
  let hits = 0;
  for (const id of returnedIds.slice(0, k)) {
    if (seen.has(id)) continue;
    seen.add(id);
    const d = lookup(id);
    if (d !== undefined && d <= threshold) hits++;
  }
  return Math.min(hits, expected) / expected;
}

/** Plain recall@k: |first k returned ∩ first k true ids| / min(k, |true ids|). Ties are not forgiven. */
export function recallAtK(returnedIds: readonly string[], trueIds: readonly string[], k: number): number {
  checkK(k);
  const truth = new Set(trueIds.slice(0, k));
  if (truth.size === 0) return 1;
  const found = new Set(returnedIds.slice(0, k).filter((id) => truth.has(id)));
  return found.size / truth.size;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw invalid('k', k, 'a positive integer', 'recall@k');
}
