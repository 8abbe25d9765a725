/**
 * Arrow IPC (file or stream format) input rows for the sampler: one RawRow-shaped record per row, line = row
 * index + 1. List / FixedSizeList columns of floats come out as typed-array views (no copy); 64-bit integers
 * as numbers when safe, else strings.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BulkEmbedding } from './bulk-embedding.js';
import { reuseBodyBuffer, type BatchHeader, type PooledReads } from './pooled-read.js';
import { RecordBatchReader, type RecordBatch, type Schema, type Vector, DataType } from 'apache-arrow';

export interface ArrowRawRow {
  line: number;
  fields: readonly string[];
  values: readonly unknown[];
  /** with BatchRangeOptions.bulk: the row's index in its record batch, when its vector went through bulk.compute */
  bulk?: number;
}


/** Whole-batch handling of one FixedSizeList<Float32> column (e.g. the sampler's vector stats, one native call). */
export interface BulkVectors {
  column: string;
  dimension: number;
  /**
   * Called once per record batch with the column's values (`rows` vectors of `dimension` from `offset`), before
   * the batch's rows are yielded. Returns the rows that need no per-row embedding value (yielded with a
   * BulkEmbedding cell and `bulk` set); the others get their usual Float32Array view (e.g. to report a NaN).
   */
  compute(values: Float32Array, offset: number, rows: number): (r: number) => boolean;
}

/**
 * `source`: a stream, or a FileHandle. Prefer the handle for files: the IPC *file* format read from a stream is
 * buffered whole (the footer is at the end), while a handle is read batch by batch (bounded memory).
 */
export async function* readArrowRows(source: Readable | FileHandle): AsyncGenerator<ArrowRawRow> {
  const reader = await RecordBatchReader.from(source as unknown as AsyncIterable<Uint8Array>);
  let line = 0;
  for await (const batch of reader as AsyncIterable<RecordBatch>) {
    for (const row of arrowBatchRows(batch, line)) yield row;
    line += batch.numRows;
  }
}

/** An Arrow IPC *file*'s record batch count and column names; undefined for the stream format (no batch index). */
export async function arrowFileLayout(path: string): Promise<{ batches: number; fields: string[] } | undefined> {
  let file: ArrowBatchFile;
  try {
    file = await ArrowBatchFile.open(path);
  } catch (err) {
    if (err instanceof NotAnIpcFile) return undefined;
    throw err;
  }
  try {
    return { batches: file.batches, fields: file.fields };
  } finally {
    await file.close();
  }
}

class NotAnIpcFile extends Error {}

export interface BatchRangeOptions {
  /** record batches [from, to) of the file; `to` defaults to the last */
  from: number;
  to?: number;
  /**
   * The rows to build, as sorted row numbers counted from 0 at batch `from` (exact mode's pass 2); the others are
   * counted, not materialised. @default every row
   */
  selected?: Uint32Array;
  /** columns to read values from; the others stay in `fields` with undefined values. @default every column */
  columns?: ReadonlySet<string>;
  /** a vector column handled per batch instead of per row, when it is a FixedSizeList<Float32> of that dimension */
  bulk?: BulkVectors;
  /**
   * With `selected`, `columns` and `reuseBuffer`: of this FixedSizeList<Float32> column read only the selected
   * rows' vectors, and of the other columns only those in `columns` (exact mode's pass 2: ~15% of the vectors).
   * The rest of the reused buffer is stale: only the selected rows and the listed columns may be looked at.
   */
  sparseVectors?: string;
  /**
   * Read every record batch body into one reused buffer. Only for a consumer that is done with a row (copied
   * what it keeps, e.g. the embedding view) before it asks for the next one: a row's typed-array values are views
   * into the buffer that the next batch overwrites.
   */
  reuseBuffer?: boolean;
}

/**
 * Rows of some record batches of an Arrow IPC file, read by random access (a worker thread reads its own
 * batches; pass 2 builds only the selected rows). `line` counts from 1 at batch `from`. `rows.count` ends as
 * the number of rows in the batches.
 */
export async function* readArrowFileBatches(path: string, opts: BatchRangeOptions, rows = { count: 0 }): AsyncGenerator<ArrowRawRow> {
  for await (const batch of readArrowFileBatchRows(path, opts, rows)) yield* batch;
}

/**
 * readArrowFileBatches a record batch at a time: each item is a synchronous iterator over one batch's rows (one
 * await per batch instead of one per row). Finish an item before asking for the next (with reuseBuffer the next
 * batch overwrites the rows' typed-array values).
 */
export async function* readArrowFileBatchRows(path: string, opts: BatchRangeOptions, rows = { count: 0 }): AsyncGenerator<Iterable<ArrowRawRow>> {
  const file = await ArrowBatchFile.open(path, opts.reuseBuffer);
  try {
    const to = Math.min(opts.to ?? Infinity, file.batches);
    const sparse = opts.selected && opts.columns && opts.sparseVectors !== undefined ? { columns: opts.columns, vectors: opts.sparseVectors } : undefined;
    // opts.selected[next..] are the selected rows not reached yet
    let next = 0;
    for (let b = opts.from; b < to; b++) {
      // the selected rows of this batch are known before it is read only by where the batch starts: the plan
      // takes the rows from `next` on that fall within the batch's length (read from its header)
      if (sparse) file.sparse({ ...sparse, rows: opts.selected as Uint32Array, from: next, before: rows.count });
      const batch = await file.read(b);
      let pick: Uint32Array | undefined;
      if (opts.selected) {
        const sel = opts.selected;
        const first = next;
        const end = rows.count + batch.numRows;
        while (next < sel.length && (sel[next] as number) < end) next++;
        pick = sel.subarray(first, next);
      }
      yield arrowBatchRows(batch, rows.count, { ...opts, pick });
      rows.count += batch.numRows;
    }
  } finally {
    await file.close();
  }
}

/**
 * Buffers per column of this type in a record batch message, in the depth-first order apache-arrow's loader takes
 * them; -1 for a type whose layout is not handled here (its batches are read whole).
 */
function bufferCount(type: DataType): number {
  if (DataType.isNull(type)) return 0;
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isBinary(type) || DataType.isLargeBinary(type)) return 3;
  if (DataType.isBool(type) || DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type) || DataType.isDate(type) || DataType.isTime(type) ||
      DataType.isTimestamp(type) || DataType.isInterval(type) || DataType.isDuration(type) || DataType.isFixedSizeBinary(type) || DataType.isDictionary(type)) return 2;
  const children = (type.children ?? []).map((f) => bufferCount(f.type));
  if (children.some((c) => c < 0)) return -1;
  const sum = children.reduce((a, c) => a + c, 0);
  if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isMap(type)) return 2 + sum;
  if (DataType.isFixedSizeList(type) || DataType.isStruct(type)) return 1 + sum;
  return -1;
}

/** Gaps up to this many bytes between two wanted ranges are read through (one read instead of two). */
const READ_THROUGH = 8192;

/**
 * The byte ranges of a record batch body that hold the listed columns and, of column `vectors` (a
 * FixedSizeList<Float32>), the rows `rows[from..]` below `before` + the batch's length; undefined to read it whole.
 */
function sparseRanges(schema: Schema, header: BatchHeader, plan: SparsePlan): Array<[number, number]> | undefined {
  if (header.compression) return undefined;
  const ranges: Array<[number, number]> = [];
  const buffers = header.buffers;
  let at = 0;
  for (const f of schema.fields) {
    const n = bufferCount(f.type);
    if (n < 0) return undefined;
    if (f.name === plan.vectors && plan.columns.has(f.name)) {
      const size = DataType.isFixedSizeList(f.type) ? (f.type as unknown as { listSize: number }).listSize : 0;
      const child = f.type.children?.[0]?.type;
      if (n !== 3 || size === 0 || !child || !DataType.isFloat(child)) return undefined;
      for (const k of [at, at + 1]) ranges.push([buffers[k]!.offset, buffers[k]!.offset + buffers[k]!.length]);
      const values = buffers[at + 2]!;
      const stride = size * 4;
      const end = plan.before + header.length;
      for (let i = plan.from; i < plan.rows.length && (plan.rows[i] as number) < end; i++) {
        const r = (plan.rows[i] as number) - plan.before;
        ranges.push([values.offset + r * stride, Math.min(values.offset + values.length, values.offset + (r + 1) * stride)]);
      }
    } else if (plan.columns.has(f.name)) {
      for (let k = at; k < at + n; k++) ranges.push([buffers[k]!.offset, buffers[k]!.offset + buffers[k]!.length]);
    }
    at += n;
  }
  if (at !== buffers.length) return undefined;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    if (b <= a) continue;
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + READ_THROUGH) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

interface SparsePlan {
  columns: ReadonlySet<string>;
  vectors: string;
  /** sorted row numbers, counted from the file's first row read; rows[from..] are not behind this batch */
  rows: Uint32Array;
  from: number;
  /** rows before this batch */
  before: number;
}

/** An Arrow IPC file open for reading its record batches by index (the footer indexes them). */
export class ArrowBatchFile {
  private constructor(
    private readonly fh: FileHandle,
    private readonly reader: RecordBatchReader,
    private readonly pooled: PooledReads | undefined,
  ) {}

  /** The next read() reads only what `plan` needs (see BatchRangeOptions.sparseVectors); whole batches without pooled reads. */
  sparse(plan: SparsePlan): void {
    const schema = this.reader.schema;
    if (this.pooled) this.pooled.plan = (header) => sparseRanges(schema, header, plan);
  }

  /** `reuseBuffer`: see BatchRangeOptions (a batch read overwrites the previous batch's typed-array values). */
  static async open(path: string, reuseBuffer = false): Promise<ArrowBatchFile> {
    const fh = await open(path, 'r');
    try {
      const reader = await RecordBatchReader.from(fh as unknown as AsyncIterable<Uint8Array>);
      await reader.open();
      if (!reader.isFile()) throw new NotAnIpcFile('not an Arrow IPC file (the stream format has no batch index)');
      return new ArrowBatchFile(fh, reader, reuseBuffer ? reuseBodyBuffer(reader, fh) : undefined);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  get batches(): number {
    return this.reader.numRecordBatches;
  }

  /** The schema's column names. */
  get fields(): string[] {
    return this.reader.schema.fields.map((f) => f.name);
  }

  async read(b: number): Promise<RecordBatch> {
    const batch = await this.reader.readRecordBatch(b);
    if (!batch) throw new Error(`record batch ${b} of ${this.reader.numRecordBatches} is missing`);
    return batch;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

export interface BatchRowsOptions {
  /** the rows to build, by number (`before` + index in the batch), sorted; @default every row */
  pick?: Uint32Array;
  columns?: ReadonlySet<string>;
  bulk?: BulkVectors;
}

/** One record batch's rows as RawRows: line = `before` + index in the batch + 1. */
export function* arrowBatchRows(batch: RecordBatch, before: number, opts: BatchRowsOptions = {}): Generator<ArrowRawRow> {
  const { pick, columns, bulk } = opts;
  const fields = batch.schema.fields.map((f) => f.name);
  const getters = batch.schema.fields.map((f, c) => (columns && !columns.has(f.name) ? unread : cellGetter(batch.getChildAt(c) as Vector, f.type)));
  const b = bulk ? bulkColumn(batch, bulk) : undefined;
  const row = (r: number): ArrowRawRow => {
    const inBulk = b !== undefined && b.usable(r);
    const values = getters.map((g, c) => (inBulk && c === b.index ? b.cell : g(r)));
    return inBulk ? { line: before + r + 1, fields, values, bulk: r } : { line: before + r + 1, fields, values };
  };
  if (pick) {
    for (const rec of pick) {
      // past the batch's end (the file changed): the caller counts the rows it got
      if (rec - before >= batch.numRows) return;
      yield row(rec - before);
    }
    return;
  }
  for (let r = 0; r < batch.numRows; r++) yield row(r);
}

/** The bulk column of a batch, computed; undefined when it is not a one-chunk FixedSizeList<Float32> of the dimension. */
function bulkColumn(batch: RecordBatch, bulk: BulkVectors): { index: number; cell: BulkEmbedding; usable: (r: number) => boolean } | undefined {
  const index = batch.schema.fields.findIndex((f) => f.name === bulk.column);
  if (index < 0) return undefined;
  const type = batch.schema.fields[index]!.type;
  const col = batch.getChildAt(index) as Vector;
  if (!DataType.isFixedSizeList(type) || col.data.length !== 1) return undefined;
  const data = col.data[0]!;
  const child = data.children[0];
  const size = (type as unknown as { listSize: number }).listSize;
  if (!child || !(child.values instanceof Float32Array) || child.nullCount > 0 || size !== bulk.dimension) return undefined;
  const ok = bulk.compute(child.values.subarray(child.offset), data.offset * size, batch.numRows);
  const usable = data.nullCount > 0 ? (r: number) => data.getValid(r) && ok(r) : ok;
  return { index, cell: new BulkEmbedding(size), usable };
}

const unread = (): undefined => undefined;

function cellGetter(col: Vector, type: DataType): (r: number) => unknown {
  const fast = float32ListGetter(col, type);
  if (fast) return fast;
  if (DataType.isFixedSizeList(type) || DataType.isList(type)) {
    return (r) => {
      const v = col.get(r) as Vector | null;
      if (v === null) return null;
      const arr = v.toArray() as unknown;
      return ArrayBuffer.isView(arr) ? arr : Array.from(arr as ArrayLike<unknown>);
    };
  }
  return (r) => {
    const v = col.get(r) as unknown;
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (v instanceof Date) return v.toISOString();
    if (v !== null && typeof v === 'object' && 'toJSON' in v) return (v as { toJSON(): unknown }).toJSON();
    return v;
  };
}

/**
 * FixedSizeList<Float32> in one chunk (what a record batch holds): each row is a view into the child's values,
 * without a per-row Vector (Arrow input's hot path: the sampler copies the view into its scratch buffer).
 */
function float32ListGetter(col: Vector, type: DataType): ((r: number) => unknown) | undefined {
  if (!DataType.isFixedSizeList(type) || col.data.length !== 1) return undefined;
  const data = col.data[0]!;
  const child = data.children[0];
  if (!child || !(child.values instanceof Float32Array) || child.nullCount > 0) return undefined;
  const size = (type as unknown as { listSize: number }).listSize;
  const values = child.values.subarray(child.offset);
  const base = data.offset;
  return (r) => {
    if (data.nullCount > 0 && !data.getValid(r)) return null;
    const start = (base + r) * size;
    return values.subarray(start, start + size);
  };
}
