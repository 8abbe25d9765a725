/** sampleSql(): the options of sample() resolved the same way (spec, columns, seed, fraction bounds), as SQL. */
import { VecstageError } from '../../errors.js';
import { emitSql, type SqlDialect } from './emit-sql.js';
import { mergeSpec, resolveFraction, type SampleOptions } from '../sample.js';

export interface SampleSqlOptions extends Pick<SampleOptions, 'spec' | 'columns' | 'fraction' | 'fractionBounds' | 'seed' | 'mode'> {
  dialect: SqlDialect;
  /** @default production_export */
  table?: string;
}

export function sampleSql(opts: SampleSqlOptions): string {
  const spec = mergeSpec(opts);
  if ((opts.mode ?? spec.mode) === 'exact') {
    throw new VecstageError('USAGE', 'invalid --mode: "exact" with --emit-sql (SQL expresses the per-row rule u < p; exact mode ranks every row of a stratum); allowed: --mode bernoulli, or no --mode');
  }
  const { fraction } = resolveFraction(opts, spec, false);
  return emitSql({ dialect: opts.dialect, seed: opts.seed ?? spec.seed, fraction, idColumn: spec.columns.id, ...(opts.table !== undefined ? { table: opts.table } : {}) });
}
