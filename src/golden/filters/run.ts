/** `vecstage fixtures filters`: read the sample, derive the filtered queries, write them (and their exact truth). */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VecstageError } from '../../errors.js';
import type { Metric } from '../../config/types.js';
import { SAMPLE_FILE } from '../../arrow/index.js';
import { loadCorpus } from '../../truth/corpus.js';
import { groundTruth } from '../../truth/run.js';
import { formatGoldenLine } from '../read.js';
import { DEFAULT_TOLERANCE, filteredQueries, type FilteredQueriesOptions, type FilteredQueryPick } from './generate.js';

export interface FixturesFiltersOptions extends FilteredQueriesOptions {
  sample: string;
  out: string;
  /** overwrite an existing --out file; @default false */
  force?: boolean;
  /** also write the exact (filtered) ground truth, as `vecstage truth` does */
  truth?: { out: string; k: number; metric: Metric; cacheDir?: string | undefined } | undefined;
  cwd: string;
}

export interface FixturesFiltersResult {
  out: string;
  rows: number;
  fields: string[];
  tolerance: number;
  picks: FilteredQueryPick[];
  truth: { out: string; k: number; metric: Metric; cached: boolean } | null;
}

export async function fixturesFilters(o: FixturesFiltersOptions): Promise<FixturesFiltersResult> {
  const dir = resolve(o.cwd, o.sample);
  if (!existsSync(join(dir, SAMPLE_FILE))) {
    throw new VecstageError('INPUT', `sample not found: ${o.sample} has no ${SAMPLE_FILE}; allowed: a folder written by vecstage sample or import`);
  }
  const out = resolve(o.cwd, o.out);
  if (existsSync(out) && !o.force) throw new VecstageError('INPUT', `${o.out} exists; pass --force to replace it (golden files are curated: vecstage never overwrites one silently)`);
  const corpus = await loadCorpus(dir);
  const result = filteredQueries(corpus, o);
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, result.queries.map((q) => `${formatGoldenLine(q)}\n`).join(''));
  await rename(tmp, out);
  let truth: FixturesFiltersResult['truth'] = null;
  if (o.truth) {
    // read back from the file just written (vectors rounded as stored), so the truth is the one bench computes
    const t = await groundTruth({ sample: o.sample, queries: o.out, k: o.truth.k, metric: o.truth.metric, out: o.truth.out, cacheDir: o.truth.cacheDir, cwd: o.cwd, corpus });
    truth = { out: o.truth.out, k: o.truth.k, metric: o.truth.metric, cached: t.cached };
  }
  return { out: o.out, rows: result.rows, fields: result.fields, tolerance: o.tolerance ?? DEFAULT_TOLERANCE, picks: result.picks, truth };
}
