/**
 * Exact mode's pass 1 (see exact.ts): a CSV or Arrow file scanned on every core (parallel/), anything else
 * (stdin, a live index, a shard) streamed here, then the scans merged into one state in file order.
 */
import { arrowFileLayout } from '../../arrow/index.js';
import { EmbeddingParser } from '../input/embedding-parse.js';
import type { ByteTap } from '../input/input.js';
import { mergeScans, type PassOneState } from './merge-scans.js';
import type { FileDigest } from '../parallel/hash-file.js';
import { scanArrowFile } from '../parallel/scan-arrow-file.js';
import { scanCsvFile, type CsvScanOptions } from '../parallel/scan-csv-file.js';
import { Progress } from '../progress.js';
import { RangeScan, type RangeScanOptions } from './range-scan.js';
import type { CsvParserKind } from '../input/readers/csv-dialect.js';
import { rowsOf, withDimension, type ResolvedRun } from '../run-context.js';
import { trace } from '../trace.js';
import { RowValidator } from '../input/validate-row.js';

export interface PassOne extends PassOneState {
  /** the fingerprint's byte count and sha256; a promise while a file's is still computed in a thread of its own */
  digest: FileDigest | Promise<FileDigest>;
  /** CSV files: what pass 2 needs to parse records read by offset */
  csv: { header: string[]; recordDelimiter: string | undefined; parser: CsvParserKind } | undefined;
  /** an Arrow IPC file: pass 2 reads its batches by random access and builds only the selected rows */
  arrowFile: boolean;
  threads: number;
}

export function validatorOptions(run: ResolvedRun): ConstructorParameters<typeof RowValidator>[0] {
  return {
    columns: run.spec.columns,
    stratifyBy: run.spec.stratifyBy,
    dimension: run.embedding.dimension,
    headered: run.desc.format !== 'jsonl',
    source: run.desc.display,
  };
}

export async function passOne(run: ResolvedRun, scanOpts: CsvScanOptions): Promise<PassOne> {
  const progress = new Progress(run.progress, 'sample: pass 1/2', run.desc.size);
  const rangeOpts: RangeScanOptions = {
    seed: run.seed,
    nearDuplicate: run.spec.detectors.enabled.near_duplicate,
    tagContext: { detectors: run.spec.detectors, rules: run.spec.rules, fixtureIds: run.fixtureIds, hasText: false },
    textColumn: run.spec.columns.text,
    hasText: undefined,
  };
  const merge = { idColumn: run.spec.columns.id, duplicateVector: run.spec.detectors.enabled.duplicate_vector };
  if (isCsvFile(run)) {
    const file = await scanCsvFile(run, () => validatorOptions(run), rangeOpts, scanOpts, progress);
    progress.done();
    trace('exact: merging');
    const st = mergeScans(file.scans, file.bases, merge);
    return { ...st, digest: file.digest, csv: { header: file.header, recordDelimiter: file.recordDelimiter, parser: file.parser }, arrowFile: false, threads: file.threads };
  }
  // an Arrow IPC *file* (not the stream format) has a batch index: parallel pass 1, and pass 2 by record batch
  const layout = isArrowFile(run) ? await arrowFileLayout(run.desc.path as string).catch(() => undefined) : undefined;
  if (layout !== undefined) {
    const file = await scanArrowFile(run, layout, () => validatorOptions(run), rangeOpts, scanOpts, progress);
    if (file) {
      progress.done();
      trace('exact: merging');
      const st = mergeScans(file.scans, file.bases, merge);
      return { ...st, digest: file.digest, csv: undefined, arrowFile: true, threads: file.threads };
    }
  }
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOptions(run), parser);
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  let scan: RangeScan | undefined;
  for await (const raw of withDimension(rowsOf(run, tap), validator, run)) {
    scan ??= new RangeScan(rangeOpts, validator, parser);
    if ((scan.records & 1023) === 0) progress.update(scan.records, tap.bytes);
    scan.add(raw);
  }
  progress.done();
  const st = mergeScans([(scan ?? new RangeScan(rangeOpts, validator, parser)).result()], [0], merge);
  return { ...st, digest: { bytes: tap.bytes, sha256: tap.sha256() }, csv: undefined, arrowFile: layout !== undefined, threads: 1 };
}

/** An Arrow file read directly (not stdin, not a live index, not one shard of it). */
function isArrowFile(run: ResolvedRun): boolean {
  return run.desc.format === 'arrow' && run.desc.path !== undefined && !run.live && !run.shard;
}

/** A CSV file read directly (not stdin, not a live index, not one shard of it): pass 1 in parallel, pass 2 by offset. */
function isCsvFile(run: ResolvedRun): boolean {
  return run.desc.format === 'csv' && run.desc.path !== undefined && !run.live && !run.shard;
}
