/**
 * Filters that hit target selectivities. A filter qualifies when its achieved selectivity is within the
 * relative tolerance of the target (|achieved - target| <= tolerance x target); each target's queries cycle
 * through its qualifying filters, closest first. When the metadata allows none, the nearest achievable filter is
 * used and flagged, so the caller can say so rather than pretend.
 */
import type { Metadata, MetadataFilter } from '../../backends/types.js';
import { selectivityOf } from '../../bench/filters/selectivity.js';
import type { FilterFields } from './fields.js';
import { proposeFilters, type Candidate } from './propose.js';

/** candidates evaluated exactly per target, best estimates first: bounds the cost on a large sample */
const MAX_EVALUATED = 96;

export interface ChosenFilter {
  target: number;
  filter: MetadataFilter;
  passing: number;
  selectivity: number;
  withinTolerance: boolean;
}

export function chooseFilters(fields: FilterFields, metadata: ReadonlyArray<Metadata | null>, target: number, count: number, tolerance: number): ChosenFilter[] {
  const want = target * fields.rows;
  const relError = (rows: number) => Math.abs(rows - want) / want;
  const seen = new Set<string>();
  const unique: Array<Candidate & { key: string }> = [];
  for (const c of proposeFilters(fields, metadata, want, tolerance)) {
    const key = JSON.stringify(c.filter);
    if (seen.has(key) || c.estimate === 0) continue;
    seen.add(key);
    unique.push({ ...c, key });
  }
  unique.sort((a, b) => relError(a.estimate) - relError(b.estimate) || a.clauses - b.clauses || a.key.localeCompare(b.key));
  const evaluated = unique.slice(0, MAX_EVALUATED).map((c) => {
    const s = selectivityOf(c.filter, metadata);
    return { ...c, ...s, error: Math.abs(s.selectivity - target) / target };
  });
  evaluated.sort((a, b) => a.error - b.error || a.clauses - b.clauses || a.key.localeCompare(b.key));
  // never a filter that passes nothing: its "truth" is empty and recall would be 1 by definition
  const usable = evaluated.filter((c) => c.passing > 0);
  const within = usable.filter((c) => c.error <= tolerance + 1e-12);
  const pool = within.length ? within : usable.slice(0, 1);
  if (pool.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const c = pool[i % pool.length]!;
    return { target, filter: c.filter, passing: c.passing, selectivity: c.selectivity, withinTolerance: within.length > 0 };
  });
}
