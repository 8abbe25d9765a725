/**
 * Pass 2 of exact mode over a CSV file: only the selected records are read, by the byte spans pass 1 kept,
 * in file order, with the reader pass 1 used. The byte scanner reads each run of adjacent spans as a range
 * (one positional read per run). With csv-parse, the spans of one batch are concatenated into one buffer (each
 * ends with its record delimiter, so the buffer is valid CSV) and parsed by one csv-parse run. Memory: one
 * buffer.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { VecstageError } from '../../errors.js';
import { csvRecords, csvRow } from '../input/readers/csv.js';
import type { CsvParserKind } from '../input/readers/csv-dialect.js';
import { CsvRangeReader } from '../input/readers/csv-range-reader.js';
import type { ColumnMapping } from '../spec/spec-types.js';
import type { RawRow } from '../types.js';

const BATCH_BYTES = 8 << 20;

export interface SelectedSpans {
  /** pass-1 row numbers, sorted by `start` */
  rows: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  line: Uint32Array;
}

export interface SelectedCsv {
  header: string[];
  recordDelimiter: string | undefined;
  parser: CsvParserKind;
  columns: ColumnMapping;
}

export async function* readSelectedCsv(path: string, source: string, csv: SelectedCsv, spans: SelectedSpans): AsyncGenerator<{ row: number; raw: RawRow }> {
  if (csv.parser === 'scanner') {
    yield* scanSelected(path, source, csv, spans);
    return;
  }
  const { header, recordDelimiter } = csv;
  const fh = await open(path, 'r');
  try {
    const n = spans.rows.length;
    let buf = Buffer.allocUnsafe(BATCH_BYTES);
    let i = 0;
    while (i < n) {
      // one batch: rows [i, j)
      let bytes = 0;
      let j = i;
      while (j < n) {
        const r = spans.rows[j] as number;
        const len = (spans.end[r] as number) - (spans.start[r] as number);
        if (j > i && bytes + len > buf.length) break;
        if (bytes + len > buf.length) buf = Buffer.allocUnsafe(len);
        bytes += len;
        j++;
      }
      let at = 0;
      let k = i;
      while (k < j) {
        // coalesce a run of adjacent spans into one read
        const first = spans.rows[k] as number;
        let last = first;
        let m = k + 1;
        while (m < j && spans.start[spans.rows[m] as number] === spans.end[last]) last = spans.rows[m++] as number;
        const from = spans.start[first] as number;
        const len = (spans.end[last] as number) - from;
        const { bytesRead } = await fh.read(buf, at, len, from);
        if (bytesRead !== len) throw changed(source, spans.line[first] as number);
        at += len;
        k = m;
      }
      let got = i;
      for await (const rec of csvRecords(Readable.from([buf.subarray(0, at)]), { bom: false, recordDelimiter, source })) {
        if (got >= j) throw changed(source, spans.line[spans.rows[j - 1] as number] as number);
        const r = spans.rows[got++] as number;
        yield { row: r, raw: csvRow(header, rec.values, spans.line[r] as number) };
      }
      if (got !== j) throw changed(source, spans.line[spans.rows[got] as number] as number);
      i = j;
    }
  } finally {
    await fh.close();
  }
}

function changed(source: string, line: number): VecstageError {
  return new VecstageError('INPUT', `${source} changed between the two passes (line ${line}); sample a stable file`);
}

/** The selected records through the byte scanner: one range per run of adjacent spans. */
function* scanSelected(path: string, source: string, csv: SelectedCsv, spans: SelectedSpans): Generator<{ row: number; raw: RawRow }> {
  const n = spans.rows.length;
  if (n === 0) return;
  const reader = new CsvRangeReader({
    path,
    start: 0,
    to: 0,
    header: csv.header,
    recordDelimiter: csv.recordDelimiter === '\r\n' ? '\r\n' : '\n',
    columns: csv.columns,
    source,
    blockBytes: 1 << 20,
  });
  try {
    let k = 0;
    while (k < n) {
      const first = spans.rows[k] as number;
      let last = first;
      let m = k + 1;
      while (m < n && spans.start[spans.rows[m] as number] === spans.end[last]) last = spans.rows[m++] as number;
      reader.reset(spans.start[first] as number, spans.end[last] as number);
      for (; k < m; k++) {
        const r = spans.rows[k] as number;
        const raw = reader.next();
        if (raw === undefined || raw.start !== spans.start[r] || raw.end !== spans.end[r]) throw changed(source, spans.line[r] as number);
        raw.line = spans.line[r] as number;
        yield { row: r, raw };
      }
    }
  } finally {
    reader.close();
  }
}
