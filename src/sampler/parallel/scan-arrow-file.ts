/**
 * Pass 1 of exact mode over an Arrow IPC file, on several cores: the file's record batches are cut into
 * contiguous runs, each worker thread reads its batches by random access (the file footer indexes them) and
 * returns compact per-row arrays (RangeScan), and mergeScans() joins them in file order, so the state equals a
 * serial scan's. The stream format (no index), a file with one batch, or a failing worker: undefined, and the
 * caller scans serially.
 */
import { readArrowFileBatches } from '../../arrow/index.js';
import { scanArrowRange, type ArrowRangeParams, type ArrowRangeResult } from '../scan/arrow-scan.js';
import { EmbeddingParser } from '../input/embedding-parse.js';
import type { Progress } from '../progress.js';
import type { RangeScanOptions, ScanResult } from '../scan/range-scan.js';
import { withDimension, type ResolvedRun } from '../run-context.js';
import { RowValidator, type ValidatorOptions } from '../input/validate-row.js';
import { hashFileInThread, type FileDigest } from './hash-file.js';
import { trace } from '../trace.js';
import { runParts, weightedBounds } from './run-worker.js';
import { workerUrl } from './worker-source.js';

export interface ArrowFileScan {
  scans: ScanResult[];
  /** per scan: rows before it (added to its relative line numbers) */
  bases: number[];
  digest: Promise<FileDigest>;
  threads: number;
}

/** `layout`: the file's record batch count and column names (arrowFileLayout), which the caller has read already. */
export async function scanArrowFile(
  run: ResolvedRun,
  layout: { batches: number; fields: readonly string[] },
  validatorOpts: () => ValidatorOptions,
  scanOpts: RangeScanOptions,
  opts: { threads: number; minBytesPerThread: number },
  progress: Progress,
): Promise<ArrowFileScan | undefined> {
  const path = run.desc.path as string;
  const size = run.desc.size ?? 0;
  const batches = layout.batches;
  const threads = Math.min(opts.threads, batches, Math.floor(size / Math.max(1, opts.minBytesPerThread)));
  if (threads < 2) return undefined;
  const url = workerUrl();
  // the header checks, on the schema, and (when not configured) the dimension, from the top of the file
  const validator = new RowValidator(validatorOpts(), new EmbeddingParser());
  validator.checkFields(layout.fields);
  if (validator.dimension === 0) {
    // only the embedding column is read; the buffered rows are not used after their lengths are counted, so one
    // reused body buffer will do even when the first rows span record batches
    const head = readArrowFileBatches(path, { from: 0, columns: new Set([validator.embeddingColumn]), reuseBuffer: true });
    const rows = withDimension(head, validator, run);
    try {
      const first = await rows.next();
      if (first.done || validator.dimension === 0) return undefined;
    } finally {
      await rows.return(undefined);
      await head.return(undefined);
    }
  }
  trace('arrow: header and dimension');
  // scanOpts.hasText stays undefined: every part's first row has the schema's fields, so each decides the same
  const bounds = weightedBounds(batches, threads).map(Math.round);
  const parts = bounds.slice(0, -1).map((from, k): ArrowRangeParams => ({ kind: 'arrow', path, from, to: bounds[k + 1] as number, validator: validatorOpts(), scan: scanOpts }));
  const results = await runParts<ArrowRangeParams, ArrowRangeResult>(await url, parts, scanArrowRange);
  trace('arrow: workers done');
  if (results.some((r) => r === undefined)) return undefined;
  // as for CSV: the sha256 thread starts once the workers are done and overlaps the merge
  const digest = hashFileInThread(path);
  digest.catch(() => undefined);
  const scans = (results as ArrowRangeResult[]).map((r) => r.scan);
  const bases: number[] = [];
  let base = 0;
  for (const s of scans) {
    bases.push(base);
    base += s.records;
  }
  progress.update(base, size);
  return { scans, bases, digest, threads };
}
