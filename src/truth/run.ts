/**
 * `vecstage truth`: exact top-k for each golden query over a sample, cached by
 * (sample manifest hash, queries hash, k, metric) so a suite that benches many indexes computes it once.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { VecstageError } from '../errors.js';
import type { Metric } from '../config/types.js';
import { readTruthFile, type TruthFileMeta, type TruthFileRow } from '../arrow/index.js';
import { readGolden } from '../golden/read.js';
import type { GoldenSet } from '../golden/types.js';
import { openSampleSource } from '../load/arrow-source.js';
import { computeTruth } from './compute.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { describeTruthSample, loadTruthBase } from './sample-file.js';
import { writeTruthRows } from './write-truth.js';

export interface TruthOptions {
  sample: string;
  queries: string | GoldenSet;
  k: number;
  metric: Metric;
  /** where to write the truth file; optional when only the cache is wanted */
  out?: string | undefined;
  /** cache folder; undefined disables the cache */
  cacheDir?: string | undefined;
  cwd?: string;
  /** an already loaded corpus of the same sample (bench reuses it) */
  corpus?: Corpus;
}

export interface TruthResult {
  meta: TruthFileMeta;
  rows: TruthFileRow[];
  path: string | undefined;
  cached: boolean;
  seconds: number;
  /** opts.corpus, or the Corpus loaded here when the lean reader (ids and vectors only) could not take the file */
  corpus: Corpus | undefined;
}

export async function groundTruth(opts: TruthOptions): Promise<TruthResult> {
  const cwd = opts.cwd ?? process.cwd();
  const started = performance.now();
  // the footer and the manifest sidecar only; the general reader for files the fast path does not take
  const fast = describeTruthSample(opts.sample, cwd);
  const source = fast ?? (await openSampleSource(opts.sample, cwd));
  const golden = typeof opts.queries === 'string' ? await readGolden(resolve(cwd, opts.queries), { shownAs: opts.queries }) : opts.queries;
  if (golden.dimension !== source.dimension) {
    throw new VecstageError('INPUT', `dimension mismatch: golden queries ${golden.path} have dimension ${golden.dimension}, the sample ${source.dir} has ${source.dimension}`);
  }
  const key = createHash('sha256').update(`${source.manifestHash}:${golden.sha256}:${opts.k}:${opts.metric}`).digest('hex').slice(0, 32);
  const cachePath = opts.cacheDir ? join(opts.cacheDir, `truth-${key}.arrow`) : undefined;
  const out = opts.out ? resolve(cwd, opts.out) : undefined;
  if (cachePath && existsSync(cachePath)) {
    const cached = await readTruthFile(cachePath);
    if (out && out !== cachePath) {
      await mkdir(dirname(out), { recursive: true });
      await copyFile(cachePath, out);
    }
    return { ...cached, path: out ?? cachePath, cached: true, seconds: (performance.now() - started) / 1000, corpus: opts.corpus };
  }
  let corpus = opts.corpus;
  const base = corpus ?? (fast ? loadTruthBase(fast) : undefined) ?? (corpus = await loadCorpus(resolve(cwd, opts.sample)));
  const rows = computeTruth(base, golden.queries, { k: opts.k, metric: opts.metric });
  const meta: TruthFileMeta = {
    k: opts.k,
    metric: opts.metric,
    sampleManifestHash: source.manifestHash,
    queriesHash: golden.sha256,
    sample: source.dir,
    queries: typeof opts.queries === 'string' ? opts.queries : golden.path,
    createdAt: new Date().toISOString(),
  };
  for (const target of [cachePath, out]) {
    if (!target) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeTruthRows(target, meta, rows);
  }
  return { meta, rows, path: out ?? cachePath, cached: false, seconds: (performance.now() - started) / 1000, corpus };
}
