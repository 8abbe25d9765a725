/**
 * Pass 1 of exact mode over some record batches of an Arrow IPC file (a worker thread's part of
 * parallel/scan-arrow-file.ts): rows -> RowValidator -> RangeScan, lines and records counted from 1 at the
 * first batch; mergeScans() adds the rows before it.
 */
import { readArrowFileBatchRows } from '../../arrow/index.js';
import { EmbeddingParser } from '../input/embedding-parse.js';
import { RangeScan, type RangeScanOptions, type ScanResult } from './range-scan.js';
import { RowValidator, type ValidatorOptions } from '../input/validate-row.js';

export interface ArrowRangeParams {
  kind: 'arrow';
  path: string;
  /** record batches [from, to) */
  from: number;
  to: number;
  validator: ValidatorOptions;
  scan: RangeScanOptions;
}

export interface ArrowRangeResult {
  scan: ScanResult;
}

/** A worker's part: its batches through the validator into a RangeScan. */
export async function scanArrowRange(p: ArrowRangeParams): Promise<ArrowRangeResult> {
  const parser = new EmbeddingParser();
  const validator = new RowValidator(p.validator, parser);
  const scan = new RangeScan(p.scan, validator, parser);
  // the vectors go through the stats kernel a record batch at a time when the dimension is known (it is: the
  // dimension was fixed before the range was handed out)
  const bulk = p.validator.dimension > 0 ? scan.bulk(p.validator.columns.embedding, p.validator.dimension) : undefined;
  for await (const rows of readArrowFileBatchRows(p.path, { from: p.from, to: p.to, columns: columnsRead(p.validator), reuseBuffer: true, bulk })) {
    for (const raw of rows) scan.add(raw);
  }
  return { scan: scan.result() };
}


/** The columns the validator reads (every one when every unmapped column is metadata). */
export function columnsRead(v: ValidatorOptions): ReadonlySet<string> | undefined {
  const c = v.columns;
  if (c.metadata === null) return undefined;
  return new Set([c.id, c.embedding, c.text, c.metadataJson, ...c.metadata].filter((x): x is string => x !== null));
}
