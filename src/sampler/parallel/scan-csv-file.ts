/**
 * Pass 1 of exact mode over a CSV file, on several cores. The file is cut into byte ranges just after a line
 * break; each worker thread runs csv-parse over its range and returns compact per-row arrays (RangeScan), and
 * mergeScans() joins them in file order. A cut is speculative (a line break may sit inside a quoted field): it
 * is accepted only when the range before it, which starts on a true record boundary, ends exactly on a record
 * boundary with no quote open. By induction every cut is then a record boundary of the serial parse, so the
 * result equals the serial one; when a check fails the file is scanned serially instead.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { csvRangeRows, scanCsvRange, type CsvRangeParams, type CsvRangeResult, type SpannedRow } from '../scan/csv-scan.js';
import { EmbeddingParser } from '../input/embedding-parse.js';
import { RangeScan, type RangeScanOptions, type ScanResult } from '../scan/range-scan.js';
import { discoverRecordDelimiter } from '../input/readers/csv.js';
import { scannerDelimiter, type CsvParserKind } from '../input/readers/csv-dialect.js';
import { CsvRangeReader, requireHeader, type SpannedRow as ScannedRow } from '../input/readers/csv-range-reader.js';
import { INFER_ROWS, withDimension, type ResolvedRun } from '../run-context.js';
import type { Progress } from '../progress.js';
import type { RawRow } from '../types.js';
import { RowValidator, type ValidatorOptions } from '../input/validate-row.js';
import { hashFileInThread, type FileDigest } from './hash-file.js';
import { runParts, weightedBounds } from './run-worker.js';
import { workerUrl } from './worker-source.js';

export interface CsvFileScan {
  scans: ScanResult[];
  /** per scan: added to its relative line numbers */
  bases: number[];
  /** the whole file's byte count and sha256 (the fingerprint): a promise while its thread still computes it */
  digest: FileDigest | Promise<FileDigest>;
  /** worker threads used (1: serial, in this thread) */
  threads: number;
  header: string[];
  recordDelimiter: string | undefined;
  /** the reader used: pass 2 reads the selected rows with the same one */
  parser: CsvParserKind;
}

/** Below this many bytes per thread a worker's start-up (~0.05 CPU-s bundled, ~0.4 under tsx) and the extra sha256 read cost more than they save. */
export const MIN_BYTES_PER_THREAD = 32 << 20;

export interface CsvScanOptions {
  threads: number;
  minBytesPerThread: number;
  /** 'scanner' falls back to csv-parse for a dialect it does not read (csv-dialect.ts) */
  parser: CsvParserKind;
}

export async function scanCsvFile(run: ResolvedRun, validatorOpts: () => ValidatorOptions, scanOpts: RangeScanOptions, opts: CsvScanOptions, progress: Progress): Promise<CsvFileScan> {
  const path = run.desc.path as string;
  const size = run.desc.size ?? 0;
  const head = await readAt(path, 0, Math.min(size, 1 << 16));
  const recordDelimiter = discoverRecordDelimiter(head);
  const scanner = opts.parser === 'scanner' ? scannerDelimiter(head) : undefined;
  const parser: CsvParserKind = scanner ? 'scanner' : 'csv-parse';
  const threads = Math.max(1, Math.min(opts.threads, Math.floor(size / Math.max(1, opts.minBytesPerThread))));
  // the workers' bundle builds (in esbuild's process) while this thread reads the header
  if (threads > 1) void workerUrl();
  if (threads > 1 && (recordDelimiter === '\n' || recordDelimiter === '\r\n')) {
    const par = await scanParallel(run, path, size, recordDelimiter, threads, validatorOpts, scanOpts, parser);
    if (par) {
      progress.update(par.scans.reduce((a, s) => a + s.records, 0), size);
      return par;
    }
  }
  if (scanner) return scanSerialBytes(run, path, size, scanner, validatorOpts, scanOpts, progress);
  return scanSerial(run, path, size, validatorOpts, scanOpts, progress);
}

/** The serial pass with the byte scanner: one synchronous read of the file, hashed as it is read. */
async function scanSerialBytes(
  run: ResolvedRun,
  path: string,
  size: number,
  recordDelimiter: '\n' | '\r\n',
  validatorOpts: () => ValidatorOptions,
  scanOpts: RangeScanOptions,
  progress: Progress,
): Promise<CsvFileScan> {
  const parser = new EmbeddingParser();
  const vopts = validatorOpts();
  const validator = new RowValidator(vopts, parser);
  const hash = createHash('sha256');
  const reader = new CsvRangeReader({ path, start: 0, to: Infinity, header: null, recordDelimiter, columns: vopts.columns, source: run.desc.display, hash });
  let scan: RangeScan | undefined;
  const add = (row: ScannedRow): void => {
    // the scan is made after the dimension is known (the validator carries it)
    scan ??= new RangeScan(scanOpts, validator, parser);
    if ((scan.records & 1023) === 0) progress.update(scan.records, row.end);
    scan.add(row, row.start, row.end);
  };
  try {
    if (validator.dimension === 0) {
      for await (const row of withDimension(arrayRows(headRows(reader)), validator, run)) add(row as ScannedRow);
    }
    for (let row = reader.next(); row !== undefined; row = reader.next()) add(row);
  } finally {
    reader.close();
  }
  const header = requireHeader(reader, run.desc.display);
  const result = (scan ?? new RangeScan(scanOpts, validator, parser)).result(reader.lines);
  return { scans: [result], bases: [0], digest: { bytes: size, sha256: hash.digest('hex') }, threads: 1, header, recordDelimiter, parser: 'scanner' };
}

/** The first INFER_ROWS rows, each with its own copy of the embedding bytes (they outlive the reader's buffer). */
function headRows(reader: CsvRangeReader): ScannedRow[] {
  reader.copyCells = true;
  const head: ScannedRow[] = [];
  while (head.length < INFER_ROWS) {
    const row = reader.next();
    if (row === undefined) break;
    head.push(row);
  }
  reader.copyCells = false;
  return head;
}

async function* arrayRows(rows: RawRow[]): AsyncGenerator<RawRow> {
  yield* rows;
}

async function scanSerial(run: ResolvedRun, path: string, size: number, validatorOpts: () => ValidatorOptions, scanOpts: RangeScanOptions, progress: Progress): Promise<CsvFileScan> {
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOpts(), parser);
  const hash = createHash('sha256');
  const out: { header?: string[]; lastEnd: number; tally: { lines: number } } = { lastEnd: 0, tally: { lines: 0 } };
  const rows = csvRangeRows({ path, start: 0, end: size, header: null, recordDelimiter: undefined }, run.desc.display, out, hash);
  let scan: RangeScan | undefined;
  for await (const raw of withDimension(rows as AsyncGenerator<RawRow>, validator, run)) {
    // the scan is made after the dimension is known (the validator carries it)
    scan ??= new RangeScan(scanOpts, validator, parser);
    if ((scan.records & 1023) === 0) progress.update(scan.records, out.lastEnd);
    const row = raw as SpannedRow;
    scan.add(row, row.start, row.end);
  }
  const result = (scan ?? new RangeScan(scanOpts, validator, parser)).result(out.tally.lines);
  return { scans: [result], bases: [0], digest: { bytes: size, sha256: hash.digest('hex') }, threads: 1, header: out.header ?? [], recordDelimiter: discoverRecordDelimiter(await readAt(path, 0, Math.min(size, 1 << 16))), parser: 'csv-parse' };
}

async function scanParallel(
  run: ResolvedRun,
  path: string,
  size: number,
  recordDelimiter: string,
  threads: number,
  validatorOpts: () => ValidatorOptions,
  scanOpts: RangeScanOptions,
  kind: CsvParserKind,
): Promise<CsvFileScan | undefined> {
  // the header, the header checks and (when not configured) the dimension, from the top of the file
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOpts(), parser);
  let header: string[];
  if (kind === 'scanner') {
    const reader = new CsvRangeReader({ path, start: 0, to: Infinity, header: null, recordDelimiter: recordDelimiter === '\r\n' ? '\r\n' : '\n', columns: validatorOpts().columns, source: run.desc.display });
    try {
      const first = await withDimension(arrayRows(validator.dimension === 0 ? headRows(reader) : [reader.next()].filter((r) => r !== undefined)), validator, run).next();
      if (first.done || validator.dimension === 0) return undefined;
      validator.validate(first.value);
    } finally {
      reader.close();
    }
    header = requireHeader(reader, run.desc.display);
  } else {
    const probeOut: { header?: string[]; lastEnd: number; tally: { lines: number } } = { lastEnd: 0, tally: { lines: 0 } };
    const rows = csvRangeRows({ path, start: 0, end: size, header: null, recordDelimiter }, run.desc.display, probeOut);
    try {
      const first = await withDimension(rows as AsyncGenerator<RawRow>, validator, run).next();
      if (first.done || validator.dimension === 0) return undefined;
      validator.validate(first.value);
    } finally {
      await rows.return(undefined);
    }
    header = probeOut.header as string[];
  }
  const text = scanOpts.textColumn;
  const scan: RangeScanOptions = { ...scanOpts, hasText: text !== null && header.includes(text) };
  const cuts = await cutPoints(path, size, threads);
  const bounds = [0, ...cuts, size];
  const url = await workerUrl();
  const parts = bounds.slice(0, -1).map((start, k): CsvRangeParams => ({ path, start, end: bounds[k + 1] as number, header: k === 0 ? null : header, recordDelimiter, validator: validatorOpts(), scan, parser: kind }));
  const results = await runParts<CsvRangeParams, CsvRangeResult>(url, parts, async (p) => scanCsvRange(p));
  for (let k = 0; k < results.length; k++) {
    const r = results[k];
    if (r === undefined) return undefined;
    if (k < results.length - 1 && r.lastEnd !== bounds[k + 1]) return undefined;
  }
  // the fingerprint's sha256 starts when the range workers are done (not before: three threads on two cores
  // slow them down), in a thread of its own, and runs while this thread merges the scans
  const digest = hashFileInThread(path);
  digest.catch(() => undefined);
  const done = results as CsvRangeResult[];
  const bases: number[] = [];
  let base = 0;
  for (const r of done) {
    bases.push(base);
    base += r.scan.lines - 1;
  }
  return { scans: done.map((r) => r.scan), bases, digest, threads: done.length, header, recordDelimiter, parser: kind };
}

/** Offsets just past the first '\n' at or after size * k / threads. */
async function cutPoints(path: string, size: number, threads: number): Promise<number[]> {
  const cuts: number[] = [];
  const bounds = weightedBounds(size, threads);
  for (let k = 1; k < threads; k++) {
    const from = Math.floor(bounds[k] as number);
    const buf = await readAt(path, from, Math.min(1 << 20, size - from));
    const nl = buf.indexOf(10);
    const cut = nl < 0 ? -1 : from + nl + 1;
    if (cut > (cuts[cuts.length - 1] ?? 0) && cut < size) cuts.push(cut);
  }
  return cuts;
}

export async function readAt(path: string, at: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, length));
    const { bytesRead } = await fh.read(buf, 0, buf.length, at);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
