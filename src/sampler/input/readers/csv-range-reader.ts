/**
 * The byte scanner's IO edge: reads the records of one byte range of a CSV file synchronously (one reused
 * buffer, positional reads), with csv-parse's line numbers, byte spans and empty-line handling. Each record is
 * scanned by scanRecord(); a record outside its subset is re-read by csv-parse from the same record boundary
 * (parseOneRecord), so the result is always csv-parse's. Only the cells the validator reads are decoded; the
 * embedding cell stays bytes (EmbeddingCell) and is parsed from them. A row's cells point into the buffer, so
 * each row must be used before next() is called again (or read with copyCells).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import { VecstageError } from '../../../errors.js';
import { ORIGIN_MARKER_FIELD } from '../../../synth/origin-marker.js';
import { EmbeddingCell } from '../embedding-parse.js';
import type { ColumnMapping } from '../../spec/spec-types.js';
import type { RawRow } from '../../types.js';
import { csvRow, parseOneRecord } from './csv.js';
import { BreakCounter, CR, fieldText, LF, NEED_MORE, RecordShape, scanRecord, UNUSUAL } from './csv-record-scan.js';

/** A data row with its byte span [start, end) in the file. */
export type SpannedRow = RawRow & { start: number; end: number };

/** Where the bytes come from: a file (positional reads) or a stream's chunks (pushed by scanCsvStream). */
export interface ByteSource {
  /** bytes read into `into` at `at`, 0 at the end, or WAIT when a stream has no chunk ready */
  read(into: Buffer, at: number, length: number, position: number): number | typeof WAIT;
  close(): void;
}

/** poll(): a stream source has no bytes ready; push more and poll again. */
export const WAIT = Symbol('wait');

export class FileSource implements ByteSource {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }
  read(into: Buffer, at: number, length: number, position: number): number {
    return readSync(this.fd, into, at, length, position);
  }
  close(): void {
    closeSync(this.fd);
  }
}

export interface CsvRangeReaderOptions {
  /** a file path, or a ByteSource */
  path: string | ByteSource;
  /** a record boundary (0: the file start, with its BOM and header) */
  start: number;
  /** records starting at or after this offset belong to the next range */
  to: number;
  /** the header; null when the range starts at byte 0 (its first record is the header) */
  header: string[] | null;
  recordDelimiter: '\n' | '\r\n';
  /** the validator's columns (only those cells are decoded; the embedding stays bytes); undefined: every cell a string */
  columns: ColumnMapping | undefined;
  /** the input as messages name it */
  source: string;
  /** sees every byte read, once, in order (the fingerprint's sha256 of a whole-file scan) */
  hash?: Hash;
  /** a speculative range: give up once one record runs this many bytes past `to` */
  maxOverrun?: number;
  /** initial buffer size; @default 4 MiB */
  blockBytes?: number;
}

export class CsvRangeReader {
  header: string[] | undefined;
  /** copy each embedding cell out of the buffer (rows kept across next() calls) */
  copyCells = false;
  /** records read with csv-parse because the scanner did not take them */
  fallbacks = 0;
  private readonly input: ByteSource;
  private buf: Buffer;
  private view: Buffer;
  private have = 0;
  private p = 0;
  private fileOff: number;
  private to: number;
  private eof = false;
  private atFileStart: boolean;
  /** csv-parse's line number at `p`, relative to the range (1 = its first line) */
  private line = 1;
  private readonly crlf: boolean;
  private readonly shape = new RecordShape();
  private readonly breaks = new BreakCounter();
  private needed: boolean[] = [];
  private embedding = -1;

  constructor(private readonly opts: CsvRangeReaderOptions) {
    this.input = typeof opts.path === 'string' ? new FileSource(opts.path) : opts.path;
    this.buf = Buffer.allocUnsafe(opts.blockBytes ?? 4 << 20);
    this.view = this.buf.subarray(0, 0);
    this.fileOff = opts.start;
    this.to = opts.to;
    this.atFileStart = opts.start === 0;
    this.crlf = opts.recordDelimiter === '\r\n';
    if (opts.header) this.setHeader(opts.header);
  }

  /** offset just past the last record or empty line read */
  get position(): number {
    return this.fileOff + this.p;
  }

  /** csv-parse's line counter at `position` (the next range's line base + 1) */
  get lines(): number {
    return this.line;
  }

  /** Moves to another range of the same file: records starting in [start, to), lines counted from 1 again. */
  reset(start: number, to: number): void {
    this.fileOff = start;
    this.to = to;
    this.have = 0;
    this.p = 0;
    this.eof = false;
    this.line = 1;
    this.atFileStart = start === 0;
    this.view = this.buf.subarray(0, 0);
  }

  close(): void {
    this.input.close();
  }

  /** The next data row, or undefined at the end of the range (a file source never waits). */
  next(): SpannedRow | undefined {
    const row = this.poll();
    if (row === WAIT) throw new VecstageError('INTERNAL', 'a file source waited');
    return row;
  }

  /** The next data row, undefined at the end of the range, or WAIT (a stream source needs more bytes). */
  poll(): SpannedRow | undefined | typeof WAIT {
    if (this.atFileStart) {
      if (this.skipBom() === WAIT) return WAIT;
      this.atFileStart = false;
    }
    for (;;) {
      if (this.fileOff + this.p >= this.to) return undefined;
      if (this.p >= this.have) {
        if (this.eof) return undefined;
        if (this.fill() === WAIT) return WAIT;
        continue;
      }
      const b = this.view;
      const p = this.p;
      const c = b[p];
      // empty lines (skip_empty_lines): a record delimiter where a record would start
      if (c === LF && !this.crlf) {
        this.p++;
        this.line++;
        continue;
      }
      if (c === CR && this.crlf) {
        if (p + 1 >= this.have && !this.eof) {
          if (this.fill() === WAIT) return WAIT;
          continue;
        }
        if (b[p + 1] === LF) {
          this.p += 2;
          this.line++;
          continue;
        }
      }
      const r = scanRecord(b, p, this.eof, this.crlf, this.shape, this.breaks);
      if (r === NEED_MORE) {
        if (this.fill() === WAIT) return WAIT;
        continue;
      }
      let row: RawRow | undefined;
      let end: number;
      let nextLine: number;
      if (r === UNUSUAL) {
        const one = parseOneRecord(b.subarray(p), this.eof, this.opts.recordDelimiter, this.opts.source, this.line - 1);
        if (one === 'more') {
          if (this.fill() === WAIT) return WAIT;
          continue;
        }
        if (one === undefined) {
          this.p = this.have;
          return undefined;
        }
        this.fallbacks++;
        end = p + one.end;
        nextLine = this.line + one.lines;
        if (this.header === undefined) this.setHeader(one.values.map((h) => h.trim()));
        else row = csvRow(this.header, one.values, this.line);
      } else {
        end = r;
        nextLine = this.line + this.shape.breaks + (this.shape.delimited ? 1 : 0);
        if (this.header === undefined) {
          const names: string[] = [];
          for (let f = 0; f < this.shape.fields; f++) names.push(fieldText(b, this.shape, f).trim());
          this.setHeader(names);
        } else row = this.row(b);
      }
      const start = this.fileOff + p;
      const line = this.line;
      this.p = end;
      this.line = nextLine;
      if (row === undefined) continue;
      const out = row as SpannedRow;
      out.line = line;
      out.start = start;
      out.end = this.fileOff + end;
      return out;
    }
  }

  private row(b: Buffer): RawRow {
    const header = this.header as string[];
    const shape = this.shape;
    const n = shape.fields;
    if (n !== header.length) {
      return { line: 0, fields: header, values: [], error: { reason: 'unparseable_row', column: null, detail: `expected ${header.length} fields (header, line 1), got ${n}` } };
    }
    const values = new Array<unknown>(n);
    for (let f = 0; f < n; f++) {
      if (f === this.embedding) {
        const s = shape.start[f] as number;
        const e = shape.end[f] as number;
        if (shape.kind[f] === 2 || s === e) values[f] = fieldText(b, shape, f);
        else values[f] = this.copyCells ? new EmbeddingCell(Buffer.from(b.subarray(s, e)), 0, e - s) : new EmbeddingCell(b, s, e);
      } else values[f] = this.needed[f] ? fieldText(b, shape, f) : '';
    }
    return { line: 0, fields: header, values };
  }

  /** Which cells the validator reads (its column plan), so only those are decoded. */
  private setHeader(header: string[]): void {
    this.header = header;
    const c = this.opts.columns;
    if (c === undefined) {
      this.needed = new Array<boolean>(header.length).fill(true);
      this.embedding = -1;
      return;
    }
    const needed = new Array<boolean>(header.length).fill(false);
    const mark = (name: string | null): void => {
      const i = name === null ? -1 : header.indexOf(name);
      if (i >= 0) needed[i] = true;
    };
    mark(c.id);
    mark(c.text);
    mark(c.metadataJson);
    // as in validate-row.ts: the origin marker is never metadata
    const mapped = new Set([c.id, c.embedding, c.text, c.metadataJson, ORIGIN_MARKER_FIELD]);
    for (const name of c.metadata ?? header.filter((f) => !mapped.has(f))) mark(name);
    const emb = header.indexOf(c.embedding);
    // an embedding column that is also read as something else stays a string
    this.embedding = emb >= 0 && !needed[emb] ? emb : -1;
    if (emb >= 0 && this.embedding < 0) needed[emb] = true;
    this.needed = needed;
  }

  private skipBom(): typeof WAIT | undefined {
    while (this.have < 3 && !this.eof) if (this.fill() === WAIT) return WAIT;
    if (this.have >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.p = 3;
    return undefined;
  }

  /** Keeps the unfinished record at the front of the buffer (growing it when full) and reads more. */
  private fill(): typeof WAIT | undefined {
    if (this.p > 0) {
      this.buf.copy(this.buf, 0, this.p, this.have);
      this.fileOff += this.p;
      this.have -= this.p;
      this.p = 0;
    } else if (this.have === this.buf.length) {
      const over = this.opts.maxOverrun;
      if (over !== undefined && this.fileOff + this.have - this.to > over) {
        throw new VecstageError('INTERNAL', `a record of ${this.opts.source} runs past ${over} bytes beyond its range`);
      }
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.have);
      this.buf = bigger;
    }
    // read up to the range end first (pass 2 reads single records), then on in blocks of at least 64 KiB
    const want = Math.max(64 << 10, this.to - (this.fileOff + this.have));
    // the bytes moved: views and remembered positions are stale even if nothing new arrives
    this.view = this.buf.subarray(0, this.have);
    this.breaks.reset();
    const n = this.input.read(this.buf, this.have, Math.min(this.buf.length - this.have, want), this.fileOff + this.have);
    if (n === WAIT) return WAIT;
    if (n <= 0) this.eof = true;
    else {
      this.opts.hash?.update(this.buf.subarray(this.have, this.have + n));
      this.have += n;
    }
    this.view = this.buf.subarray(0, this.have);
    this.breaks.reset();
    return undefined;
  }
}

/** A header line is required (csv-parse path: the same message). */
export function requireHeader(reader: CsvRangeReader, source: string): string[] {
  if (reader.header === undefined) throw new VecstageError('INPUT', `empty input: ${source} has no header line; expected a CSV header (id,embedding,...) and rows`);
  return reader.header;
}
