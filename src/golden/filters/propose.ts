/**
 * Candidate filters for a target selectivity, with an estimated row count from the field tallies. Estimates
 * only rank candidates: every candidate that may be kept is evaluated by selectivityOf (the one filter
 * definition), and the achieved share is what is reported.
 */
import type { Metadata, MetadataFilter } from '../../backends/types.js';
import type { FilterFields } from './fields.js';

export interface Candidate {
  filter: MetadataFilter;
  /** estimated rows passing */
  estimate: number;
  /** conditions in the filter: simpler filters win ties */
  clauses: number;
}

export function proposeFilters(fields: FilterFields, metadata: ReadonlyArray<Metadata | null>, want: number, tolerance: number): Candidate[] {
  const out: Candidate[] = [];
  const hi = want * (1 + tolerance);
  const n = fields.rows;
  for (const f of fields.categorical) {
    for (const { value, count } of f.values) {
      out.push({ filter: { [f.name]: value }, estimate: count, clauses: 1 });
      out.push({ filter: { [f.name]: { $ne: value } }, estimate: n - count, clauses: 1 });
    }
    // $in: from each starting value, add the next most frequent values while the sum stays under the band's top
    for (let s = 0; s < f.values.length; s++) {
      const chosen = [];
      let sum = 0;
      for (let j = s; j < f.values.length; j++) {
        const v = f.values[j]!;
        if (sum + v.count > hi) continue;
        chosen.push(v.value);
        sum += v.count;
      }
      if (chosen.length >= 2) out.push({ filter: { [f.name]: { $in: chosen } }, estimate: sum, clauses: 1 });
    }
  }
  out.push(...pairs(fields, metadata));
  for (const f of fields.numeric) {
    const m = f.sorted.length;
    const t = Math.max(1, Math.min(m, Math.round(want)));
    if (t < m) out.push({ filter: { [f.name]: { $lt: f.sorted[t]! } }, estimate: t, clauses: 1 });
    out.push({ filter: { [f.name]: { $gte: f.sorted[m - t]! } }, estimate: t, clauses: 1 });
    for (const q of [0.25, 0.5]) {
      const s = Math.floor((m - t) * q);
      if (s > 0) out.push({ filter: { [f.name]: { $gte: f.sorted[s]!, $lte: f.sorted[s + t - 1]! } }, estimate: t, clauses: 2 });
    }
  }
  return out;
}

/** Conjunctions of two equalities on different categorical fields, with their joint counts from one pass. */
function pairs(fields: FilterFields, metadata: ReadonlyArray<Metadata | null>): Candidate[] {
  const cats = fields.categorical;
  if (cats.length < 2) return [];
  const joint = new Map<string, { filter: MetadataFilter; count: number }>();
  for (const m of metadata) {
    if (!m) continue;
    for (let a = 0; a < cats.length; a++) {
      const fa = cats[a]!.name;
      if (!Object.hasOwn(m, fa)) continue;
      for (let b = a + 1; b < cats.length; b++) {
        const fb = cats[b]!.name;
        if (!Object.hasOwn(m, fb)) continue;
        const va = m[fa]!;
        const vb = m[fb]!;
        const key = JSON.stringify([fa, typeof va, va, fb, typeof vb, vb]);
        const j = joint.get(key);
        if (j) j.count++;
        else joint.set(key, { filter: { [fa]: va, [fb]: vb }, count: 1 });
      }
    }
  }
  return [...joint.values()].map((j) => ({ filter: j.filter, estimate: j.count, clauses: 2 }));
}
