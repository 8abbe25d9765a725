import { matchesFilter } from '../../backends/filter.js';
import type { Metadata, MetadataFilter } from '../../backends/types.js';

export interface Selectivity {
  /** rows whose metadata passes the filter */
  passing: number;
  total: number;
  /** passing / total (0 for an empty corpus) */
  selectivity: number;
}

/**
 * The share of rows a filter passes, by the one filter definition every backend is held to (matchesFilter, the
 * memory backend's and the ground truth's), so a band and the exact truth can never disagree about a row.
 */
export function selectivityOf(filter: MetadataFilter, metadata: ReadonlyArray<Metadata | null>): Selectivity {
  let passing = 0;
  for (const m of metadata) if (matchesFilter(filter, m ?? undefined)) passing++;
  const total = metadata.length;
  return { passing, total, selectivity: total === 0 ? 0 : passing / total };
}
