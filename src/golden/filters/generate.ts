/**
 * `vecstage fixtures filters`: filtered golden queries whose filters hit target selectivities on a sample.
 * Pure: the sample's columns in, queries and what each achieved out (the CLI reads and writes the files).
 */
import { invalid, VecstageError } from '../../errors.js';
import type { Metadata } from '../../backends/types.js';
import { xoshiro128 } from '../../synth/random.js';
import type { GoldenQuery } from '../types.js';
import { analyseFields } from './fields.js';
import { chooseFilters, type ChosenFilter } from './choose.js';
import { queryNearRow, type AnchorSource } from './query-vector.js';

/** relative: a filter qualifies when |achieved - target| <= 0.25 x target */
export const DEFAULT_TOLERANCE = 0.25;
export const DEFAULT_NOISE = 0.05;

export interface FilteredQueriesOptions {
  /** target selectivities, each in (0, 1] */
  targets: readonly number[];
  /** queries in all, spread evenly over the targets (the first targets get one more when it does not divide) */
  count: number;
  /** @default DEFAULT_TOLERANCE */
  tolerance?: number;
  /** @default DEFAULT_NOISE */
  noise?: number;
  seed: number;
  /** tags for every query; @default ["filtered"] */
  tags?: string[];
}

export interface FilteredQueryPick extends ChosenFilter {
  id: string;
  /** the sample row the query vector is near */
  anchor: string;
}

export interface FilteredQueriesResult {
  queries: GoldenQuery[];
  picks: FilteredQueryPick[];
  rows: number;
  /** the metadata fields filters were built from */
  fields: string[];
}

export function filteredQueries(sample: AnchorSource & { metadata: ReadonlyArray<Metadata | null> }, o: FilteredQueriesOptions): FilteredQueriesResult {
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE;
  const noise = o.noise ?? DEFAULT_NOISE;
  checkOptions(o, tolerance, noise);
  const fields = analyseFields(sample.metadata);
  const names = [...fields.categorical, ...fields.numeric].map((f) => f.name);
  if (sample.ids.length === 0) throw new VecstageError('INPUT', 'the sample has no rows to derive filters from');
  if (names.length === 0) {
    throw new VecstageError('INPUT', `the sample's metadata has no field to filter on: every row's metadata is empty, or its fields have more than 64 distinct non-numeric values; allowed: categorical fields (strings, booleans, few values) or numeric fields`);
  }
  const queries: GoldenQuery[] = [];
  const picks: FilteredQueryPick[] = [];
  const per = o.targets.map((_, i) => Math.floor(o.count / o.targets.length) + (i < o.count % o.targets.length ? 1 : 0));
  o.targets.forEach((target, t) => {
    const chosen = chooseFilters(fields, sample.metadata, target, per[t]!, tolerance);
    if (chosen.length === 0) throw new VecstageError('INPUT', `no filter on the sample's fields (${names.join(', ')}) passes any row for target ${target}`);
    chosen.forEach((c, i) => {
      const n = queries.length;
      const near = queryNearRow(sample, xoshiro128(o.seed, n), noise);
      if (!near) throw new VecstageError('INPUT', 'the sample has only zero vectors: no row to place a query near');
      const id = `sel-${label(target)}-${String(i + 1).padStart(3, '0')}`;
      const text = `near ${near.anchor}; its filter passes ${c.passing} of ${fields.rows} rows (${(c.selectivity * 100).toPrecision(3)}%, target ${label(target).replace('pct', '%')})`;
      queries.push({ id, text, embedding: near.vector, relevant: {}, tags: o.tags ?? ['filtered'], filter: c.filter, line: n + 1 });
      picks.push({ ...c, id, anchor: near.anchor });
    });
  });
  return { queries, picks, rows: fields.rows, fields: names };
}

function label(target: number): string {
  return `${Number((target * 100).toPrecision(4))}pct`;
}

function checkOptions(o: FilteredQueriesOptions, tolerance: number, noise: number): void {
  if (o.targets.length === 0) throw invalid('--selectivity', '', 'a comma-separated list of shares in (0, 1], e.g. 0.01,0.1,0.5', undefined, 'USAGE');
  for (const t of o.targets) {
    if (!(t > 0 && t <= 1)) throw invalid('--selectivity', t, 'shares in (0, 1], e.g. 0.01,0.1,0.5 (0.01 = 1% of the sample passes)', undefined, 'USAGE');
  }
  if (new Set(o.targets).size !== o.targets.length) throw invalid('--selectivity', o.targets.join(','), 'distinct shares', undefined, 'USAGE');
  if (!Number.isInteger(o.count) || o.count < o.targets.length) {
    throw invalid('--count', o.count, `an integer >= the number of targets (${o.targets.length}): queries in all, spread over the targets`, undefined, 'USAGE');
  }
  if (!(tolerance > 0 && tolerance < 1)) throw invalid('--tolerance', tolerance, 'a relative tolerance in (0, 1), e.g. 0.25 for ±25%', undefined, 'USAGE');
  if (!(noise >= 0 && Number.isFinite(noise))) throw invalid('--noise', noise, 'a number >= 0 (noise relative to the row vector norm)', undefined, 'USAGE');
}
