/**
 * Pass 1 over one byte range of a CSV file: records (the byte scanner's, or csv-parse's) -> RowValidator ->
 * RangeScan, with each row's byte span kept so pass 2 can read the selected rows alone. Runs in a worker thread
 * (one range each) or in the main thread (the whole file). The range must start at a record boundary; whether
 * its end was one too is reported back (`lastEnd`), so the caller can verify a speculative split.
 */
import { createReadStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { VecstageError } from '../../errors.js';
import { EmbeddingParser } from '../input/embedding-parse.js';
import { RangeScan, type RangeScanOptions, type ScanResult } from './range-scan.js';
import { csvRecords, csvRow, type CsvTally } from '../input/readers/csv.js';
import type { CsvParserKind } from '../input/readers/csv-dialect.js';
import { CsvRangeReader } from '../input/readers/csv-range-reader.js';
import type { RawRow } from '../types.js';
import { RowValidator, type ValidatorOptions } from '../input/validate-row.js';

export interface CsvRangeParams {
  path: string;
  start: number;
  /** exclusive */
  end: number;
  /** the header; null when the range starts at byte 0 (its first record is the header) */
  header: string[] | null;
  recordDelimiter: string | undefined;
  validator: ValidatorOptions;
  scan: RangeScanOptions;
  /** 'scanner' needs a "\n" or "\r\n" record delimiter (csv-dialect.ts) */
  parser: CsvParserKind;
}

/** A speculative range's last record may run this far past the range end before the split is given up. */
const MAX_OVERRUN = 64 << 20;

export interface CsvRangeResult {
  scan: ScanResult;
  header: string[];
  /** byte offset just past the last record (equals `end` when the range ended on a record boundary) */
  lastEnd: number;
}

/** A data row with its byte span. */
export type SpannedRow = RawRow & { start: number; end: number };

/** The data rows of a byte range; `hash` sees every byte read. */
export async function* csvRangeRows(p: Omit<CsvRangeParams, 'validator' | 'scan' | 'parser'>, source: string, out: { header?: string[]; lastEnd: number; tally: CsvTally }, hash?: Hash): AsyncGenerator<SpannedRow> {
  const bytes = createReadStream(p.path, { start: p.start, end: p.end - 1, highWaterMark: 1 << 20 });
  if (hash) bytes.on('data', (chunk) => hash.update(chunk as Buffer));
  let header = p.header ?? undefined;
  let prev = p.start;
  out.header = header;
  try {
    for await (const rec of csvRecords(bytes, { bom: p.start === 0, recordDelimiter: p.recordDelimiter, source }, out.tally)) {
      const start = prev;
      prev = out.lastEnd = p.start + rec.end;
      if (header === undefined) {
        header = out.header = rec.values.map((h) => h.trim());
        continue;
      }
      const row = csvRow(header, rec.values, rec.line) as SpannedRow;
      row.start = start;
      row.end = prev;
      yield row;
    }
  } finally {
    bytes.destroy();
  }
  if (header === undefined) throw new VecstageError('INPUT', `empty input: ${source} has no header line; expected a CSV header (id,embedding,...) and rows`);
}

export async function scanCsvRange(p: CsvRangeParams): Promise<CsvRangeResult> {
  if (p.parser === 'scanner') return scanCsvRangeBytes(p);
  const parser = new EmbeddingParser();
  const validator = new RowValidator(p.validator, parser);
  const scan = new RangeScan(p.scan, validator, parser);
  const out = { header: undefined as string[] | undefined, lastEnd: p.start, tally: { lines: 0 } };
  for await (const row of csvRangeRows(p, p.validator.source, out)) scan.add(row, row.start, row.end);
  return { scan: scan.result(out.tally.lines), header: out.header ?? [], lastEnd: out.lastEnd };
}

/** scanCsvRange with the byte scanner (synchronous reads; one reused buffer). */
export function scanCsvRangeBytes(p: CsvRangeParams): CsvRangeResult {
  const parser = new EmbeddingParser();
  const validator = new RowValidator(p.validator, parser);
  const scan = new RangeScan(p.scan, validator, parser);
  const reader = new CsvRangeReader({
    path: p.path,
    start: p.start,
    to: p.end,
    header: p.header,
    recordDelimiter: p.recordDelimiter === '\r\n' ? '\r\n' : '\n',
    columns: p.validator.columns,
    source: p.validator.source,
    maxOverrun: MAX_OVERRUN,
  });
  try {
    for (let row = reader.next(); row !== undefined; row = reader.next()) scan.add(row, row.start, row.end);
  } finally {
    reader.close();
  }
  return { scan: scan.result(reader.lines), header: reader.header ?? [], lastEnd: reader.position };
}
