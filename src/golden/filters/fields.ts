/**
 * What a sample's metadata offers to filter on: categorical fields (few distinct scalar values, with their row
 * counts) and numeric fields (many distinct numbers, kept sorted for range filters). The toolkit's own
 * `vecstage_*` fields are left out: a golden query filters on the data's metadata, not on how it was loaded.
 */
import type { Metadata, MetadataValue } from '../../backends/types.js';

/** a field with at most this many distinct values is categorical (equality, $in, $ne, pairs) */
export const MAX_CATEGORIES = 64;

export interface CategoricalField {
  name: string;
  /** distinct values with their row counts, most frequent first (ties by value) */
  values: Array<{ value: MetadataValue; count: number }>;
}

export interface NumericField {
  name: string;
  /** the field's numeric values, ascending */
  sorted: Float64Array;
}

export interface FilterFields {
  rows: number;
  categorical: CategoricalField[];
  numeric: NumericField[];
}

export function analyseFields(metadata: ReadonlyArray<Metadata | null>): FilterFields {
  const seen = new Map<string, { counts: Map<string, { value: MetadataValue; count: number }>; numbers: number[]; nonNumeric: boolean }>();
  for (const m of metadata) {
    if (!m) continue;
    for (const [name, value] of Object.entries(m)) {
      if (name.startsWith('vecstage_') || !isScalar(value)) continue;
      let f = seen.get(name);
      if (!f) seen.set(name, (f = { counts: new Map(), numbers: [], nonNumeric: false }));
      if (typeof value === 'number') f.numbers.push(value);
      else f.nonNumeric = true;
      // past the cap a field is not categorical: stop counting its values (memory stays bounded by the cap)
      if (f.counts.size <= MAX_CATEGORIES) {
        const key = `${typeof value}:${String(value)}`;
        const c = f.counts.get(key);
        if (c) c.count++;
        else f.counts.set(key, { value, count: 1 });
      }
    }
  }
  const categorical: CategoricalField[] = [];
  const numeric: NumericField[] = [];
  for (const [name, f] of [...seen].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (f.counts.size <= MAX_CATEGORIES) {
      const values = [...f.counts.values()].sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
      categorical.push({ name, values });
    } else if (!f.nonNumeric) {
      numeric.push({ name, sorted: Float64Array.from(f.numbers).sort() });
    }
  }
  return { rows: metadata.length, categorical, numeric };
}

function isScalar(v: unknown): v is MetadataValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}
