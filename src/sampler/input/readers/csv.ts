/**
 * CSV via csv-parse (streaming; the only module importing csv-parse). `readCsv` gives RawRows with the first
 * record as the header; `csvRecords` is the layer under it: bare records with their start line and byte span,
 * over a whole file or one byte range of it (parallel pass 1, pass 2 by offset).
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { VecstageError } from '../../../errors.js';
import type { RawRow } from '../../types.js';

interface CsvInfo {
  lines: number;
  empty_lines: number;
  bytes: number;
}

export interface CsvRecord {
  values: string[];
  /** physical line of the record start, counted from the first byte given to the parser (1-based) */
  line: number;
  /** byte offset just past the record delimiter, counted like `line` */
  end: number;
}

/** csv-parse's options for the sampler (one place, so the scanner's fallback reads records the same way). */
function parserOptions(bom: boolean, recordDelimiter: string | undefined): Record<string, unknown> {
  // relax_quotes: a stray quote inside an unquoted field is data (such rows then fail the column count, a reject)
  return {
    bom,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    ...(recordDelimiter !== undefined ? { record_delimiter: recordDelimiter } : {}),
  };
}

export interface CsvRecordsOptions {
  /** strip a UTF-8/16 BOM: only at the start of a file */
  bom: boolean;
  /** the record delimiter the file uses; auto-discovered from the first line break when absent */
  recordDelimiter?: string;
  source: string;
  /** added to line numbers in errors (a range's first line in the file, minus 1) */
  lineBase?: number;
}

/** The parser's counters after the last record (a range's line count, for the next range's base). */
export interface CsvTally {
  lines: number;
}

export async function* csvRecords(bytes: Readable, opts: CsvRecordsOptions, tally?: CsvTally): AsyncGenerator<CsvRecord> {
  const parser = parse(parserOptions(opts.bom, opts.recordDelimiter));
  bytes.pipe(parser);
  bytes.on('error', (err) => parser.destroy(err));
  // csv-parse reports the line where a record ends; the start is the previous end + 1 + skipped empty lines
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
      const { record, info } = item;
      const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
      prevEnd = info.lines;
      prevEmpty = info.empty_lines;
      yield { values: record, line, end: info.bytes };
    }
  } catch (err) {
    if (err instanceof VecstageError) throw err;
    throw unparseable(err, opts.source, opts.lineBase ?? 0);
  }
  if (tally) tally.lines = (parser as unknown as { info: CsvInfo }).info.lines;
}

function unparseable(err: unknown, source: string, lineBase: number): VecstageError {
  const e = err as Error & { lines?: number; code?: string };
  const at = e.lines !== undefined ? `${source}:${e.lines + lineBase}` : source;
  // the message names the line too: make it absolute like the location
  const message = e.lines !== undefined && lineBase !== 0 ? e.message.replace(` at line ${e.lines}`, ` at line ${e.lines + lineBase}`) : e.message;
  return new VecstageError('INPUT', `unparseable CSV at ${at}: ${message.replace(/^Invalid [^:]*: /, '')}`, { cause: err });
}

/** One record read by csv-parse from a record boundary: the byte scanner's fallback. */
export interface OneRecord {
  values: string[];
  /** csv-parse's line counter when the record was emitted: the lines it spans, its delimiter's line included */
  lines: number;
  /** bytes from the record start to just past its delimiter */
  end: number;
}

/**
 * Reads the first record of `buf` (which starts at a record boundary) with csv-parse, exactly as a parse of the
 * whole file would read it there. `eof`: nothing follows `buf`. Returns 'more' when the record may continue
 * past `buf`, undefined when `buf` holds no record. `lineBase`: the file's line count before `buf` (errors).
 */
export function parseOneRecord(buf: Buffer, eof: boolean, recordDelimiter: string, source: string, lineBase: number): OneRecord | 'more' | undefined {
  let out: Array<{ record: string[]; info: CsvInfo }>;
  try {
    out = parseSync(buf, { ...parserOptions(false, recordDelimiter), to: 1 }) as unknown as Array<{ record: string[]; info: CsvInfo }>;
  } catch (err) {
    if (!eof) return 'more';
    throw unparseable(err, source, lineBase);
  }
  const first = out[0];
  if (first === undefined) return eof ? undefined : 'more';
  // near the end of `buf` csv-parse decided without its usual look-ahead: read on and ask again
  if (!eof && first.info.bytes > buf.length - 4) return 'more';
  return { values: first.record, lines: first.info.lines, end: first.info.bytes };
}

/** The record delimiter csv-parse would discover: the first line break outside quotes of the first line. */
export function discoverRecordDelimiter(head: Buffer): string | undefined {
  let quoting = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 34) quoting = !quoting;
    else if (!quoting && (c === 13 || c === 10)) return c === 13 ? (head[i + 1] === 10 ? '\r\n' : '\r') : '\n';
  }
  return undefined;
}

export async function* readCsv(bytes: Readable, source: string): AsyncGenerator<RawRow> {
  let header: string[] | undefined;
  for await (const { values: record, line } of csvRecords(bytes, { bom: true, source })) {
    if (header === undefined) {
      header = record.map((h) => h.trim());
      continue;
    }
    const row = csvRow(header, record, line);
    yield row;
  }
  if (header === undefined) throw new VecstageError('INPUT', `empty input: ${source} has no header line; expected a CSV header (id,embedding,...) and rows`);
}

/** A data record as a RawRow: a record with the wrong number of fields is an unparseable row. */
export function csvRow(header: readonly string[], record: string[], line: number): RawRow {
  if (record.length !== header.length) {
    return {
      line,
      fields: header,
      values: record,
      error: { reason: 'unparseable_row', column: null, detail: `expected ${header.length} fields (header, line 1), got ${record.length}` },
    };
  }
  return { line, fields: header, values: record };
}
