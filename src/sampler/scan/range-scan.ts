/**
 * Pass 1 of exact mode over one run of consecutive records (the whole input, or one byte range of a CSV file
 * parsed by a worker thread): a few numbers per valid row in typed arrays, never embeddings. Everything here
 * is local to the range; what needs the rows before it (repeated ids, duplicate vectors, absolute line
 * numbers, the global stratum order) is done by mergeScans() in file order, so a parallel pass gives the same
 * state as a serial one.
 */
import { SIGNATURE_WORDS } from '../detectors/near-duplicate.js';
import { isZeroVector } from '../detectors/vector.js';
import { NON_FINITE, VectorStats, ZERO } from '../detectors/vector-stats.js';
import type { BulkVectors } from '../../arrow/index.js';
import type { EmbeddingParser } from '../input/embedding-parse.js';
import { Growable } from './growable.js';
import { selectionKey } from '../select/hash.js';
import { recordHash } from './record-hash.js';
import { rowTags, type RowTagContext } from '../detectors/row-tags.js';
import { TagListTable } from '../detectors/row-tag-sets.js';
import type { RawRow, Reject } from '../types.js';
import type { RowValidator } from '../input/validate-row.js';

/** The transferable result of scanning a range (typed arrays cut to length). */
export interface ScanResult {
  /** records read (valid or not) */
  records: number;
  /** valid rows (before repeated-id removal) */
  count: number;
  /** per valid row: start line, relative to the range (line 1 = the range's first line) */
  line: Uint32Array;
  /** per valid row: byte span [start, end) in the file; empty when the reader gives no offsets */
  start: Float64Array;
  end: Float64Array;
  /** per valid row: record number within the range (pass 2 of inputs without offsets) */
  rec: Uint32Array;
  ids: string[];
  strata: string[];
  stratumOf: Uint32Array;
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  norm: Float64Array;
  zero: Uint8Array;
  vhHi: Uint32Array;
  vhLo: Uint32Array;
  /** per valid row: recordHash() of its text and metadata (decides between the occurrences of a repeated id) */
  rhHi: Uint32Array;
  rhLo: Uint32Array;
  /** SIGNATURE_WORDS per valid row */
  sigs: Uint32Array;
  /** row-local tags: the valid rows that have some, in row order, and each one's list in `tagLists` */
  tagRows: Uint32Array;
  tagListOf: Uint32Array;
  /** the scan's distinct tag lists (TagListTable ids; 0 is the empty list) */
  tagLists: Array<readonly string[]>;
  /** lines relative to the range, like `line` */
  rejects: Reject[];
  /** csv-parse's line count at the end of the range (the next range's line base); 0 when unknown */
  lines: number;
  hasText: boolean;
}

export interface RangeScanOptions {
  seed: string;
  nearDuplicate: boolean;
  tagContext: RowTagContext;
  textColumn: string | null;
  /** whether the input has a text column; undefined: decided by the first record's fields (JSONL) */
  hasText: boolean | undefined;
}

/** vectors per native stats call */
const STATS_BATCH = 64;

export class RangeScan {
  records = 0;
  private count = 0;
  private readonly line = new Growable(Uint32Array);
  private readonly start = new Growable(Float64Array);
  private readonly end = new Growable(Float64Array);
  private readonly rec = new Growable(Uint32Array);
  private readonly ids: string[] = [];
  private readonly strata: string[] = [];
  private readonly stratumIndex = new Map<string, number>();
  private readonly stratumOf = new Growable(Uint32Array);
  private readonly keyHi = new Growable(Uint32Array);
  private readonly keyLo = new Growable(Uint32Array);
  private readonly norm = new Growable(Float64Array);
  private readonly zero = new Growable(Uint8Array);
  private readonly vhHi = new Growable(Uint32Array);
  private readonly vhLo = new Growable(Uint32Array);
  private readonly rhHi = new Growable(Uint32Array);
  private readonly rhLo = new Growable(Uint32Array);
  private readonly sigs = new Growable(Uint32Array);
  private readonly tagRows = new Growable(Uint32Array);
  private readonly tagListOf = new Growable(Uint32Array);
  private readonly tagLists = new TagListTable();
  private readonly rejects: Reject[] = [];
  private stats: VectorStats | undefined;
  /** the current record batch's stats, when an Arrow reader computes them per batch (bulk()) */
  private bulkStats: VectorStats | undefined;
  /** vectors waiting for their stats: the native kernel does STATS_BATCH at a time, ~4x faster than one by one */
  private pending = new Float32Array(0);
  private pendingRows = 0;
  /** the valid-row index of the first pending vector (pending rows are consecutive) */
  private pendingFrom = 0;
  private readonly tagCtx: RowTagContext;

  constructor(
    private readonly opts: RangeScanOptions,
    private readonly validator: RowValidator,
    private readonly parser: EmbeddingParser,
  ) {
    this.tagCtx = { ...opts.tagContext, hasText: opts.hasText ?? false };
  }

  /** One record; `start`/`end` are its byte span when the reader knows it. */
  add(raw: RawRow, start = -1, end = -1): void {
    const rec = this.records++;
    if (rec === 0 && this.opts.hasText === undefined) {
      const text = this.opts.textColumn;
      this.tagCtx.hasText = text !== null && raw.fields.includes(text);
    }
    const v = this.validator.validate(raw);
    if (!v.ok) {
      this.rejects.push(v.reject);
      return;
    }
    const row = v.row;
    const r = this.count++;
    this.line.push(row.line);
    if (start >= 0) {
      this.start.push(start);
      this.end.push(end);
    }
    this.rec.push(rec);
    this.ids.push(row.id);
    const key = selectionKey(this.opts.seed, row.id);
    this.keyHi.push(key.hi);
    this.keyLo.push(key.lo);
    const rh = recordHash(row.text, row.metadata);
    this.rhHi.push(rh.hi);
    this.rhLo.push(rh.lo);
    let h = this.stratumIndex.get(row.stratum);
    if (h === undefined) {
      h = this.strata.length;
      this.stratumIndex.set(row.stratum, h);
      this.strata.push(row.stratum);
    }
    this.stratumOf.push(h);
    const dim = row.length;
    const b = (raw as { bulk?: number }).bulk;
    const bulk = b !== undefined && this.bulkStats?.dim === dim ? this.bulkStats : undefined;
    if (!bulk && this.stats?.dim !== dim) {
      this.flush();
      this.stats = new VectorStats(dim, this.opts.nearDuplicate, STATS_BATCH);
      this.pending = new Float32Array(STATS_BATCH * dim);
    }
    const values = this.parser.values;
    const zero = bulk ? ((bulk.flags[b as number] as number) & ZERO) !== 0 : isZeroVector(values, dim);
    // the row's slots, in row order; norm, vector hash and signature are written by put()
    this.zero.push(zero ? 1 : 0);
    this.norm.push(0);
    this.vhHi.push(0);
    this.vhLo.push(0);
    this.sigs.reserve(SIGNATURE_WORDS);
    if (bulk) {
      // its record batch's vectors went through bulk(): the stats are there already
      this.put(bulk, b as number, r, 1);
    } else {
      if (this.pendingRows === 0) this.pendingFrom = r;
      this.pending.set(values.subarray(0, dim), this.pendingRows * dim);
      if (++this.pendingRows === STATS_BATCH) this.flush();
    }
    const tags = rowTags(row, zero, this.tagCtx);
    if (tags.length) {
      this.tagRows.push(r);
      this.tagListOf.push(this.tagLists.id(tags));
    }
  }

  /**
   * Whole-batch vector stats for an Arrow reader (BatchRangeOptions.bulk): one native call per record batch
   * instead of a copy and a stats slot per row. Rows with a NaN or an infinity take the per-row path, so the
   * validator can name the value.
   */
  bulk(column: string, dimension: number): BulkVectors {
    const st = (this.bulkStats = new VectorStats(dimension, this.opts.nearDuplicate, 4096));
    return {
      column,
      dimension,
      compute: (values, offset, rows) => {
        st.compute(values, offset, rows);
        const flags = st.flags;
        return (r) => ((flags[r] as number) & NON_FINITE) === 0;
      },
    };
  }

  /** Copies `rows` vectors' stats, from index `from` of `st`, into the slots of rows `at`.. */
  private put(st: VectorStats, from: number, at: number, rows: number): void {
    // element copies, not subarray views: called once per row on the Arrow path
    const norm = this.norm.data;
    const hi = this.vhHi.data;
    const lo = this.vhLo.data;
    const sigs = this.sigs.data;
    for (let i = 0; i < rows; i++) {
      norm[at + i] = st.norm[from + i] as number;
      hi[at + i] = st.vhHi[from + i] as number;
      lo[at + i] = st.vhLo[from + i] as number;
    }
    const w0 = at * SIGNATURE_WORDS;
    const s0 = from * SIGNATURE_WORDS;
    for (let w = 0; w < rows * SIGNATURE_WORDS; w++) sigs[w0 + w] = st.sigs[s0 + w] as number;
  }

  /** Computes the pending vectors' stats into their reserved slots. */
  private flush(): void {
    const st = this.stats;
    const rows = this.pendingRows;
    if (!st || rows === 0) return;
    st.compute(this.pending, 0, rows);
    this.put(st, 0, this.pendingFrom, rows);
    this.pendingRows = 0;
  }

  result(lines = 0): ScanResult {
    this.flush();
    const n = this.count;
    return {
      records: this.records,
      count: n,
      line: this.line.data.slice(0, n),
      start: this.start.data.slice(0, this.start.length),
      end: this.end.data.slice(0, this.end.length),
      rec: this.rec.data.slice(0, n),
      ids: this.ids,
      strata: this.strata,
      stratumOf: this.stratumOf.data.slice(0, n),
      keyHi: this.keyHi.data.slice(0, n),
      keyLo: this.keyLo.data.slice(0, n),
      norm: this.norm.data.slice(0, n),
      zero: this.zero.data.slice(0, n),
      vhHi: this.vhHi.data.slice(0, n),
      vhLo: this.vhLo.data.slice(0, n),
      rhHi: this.rhHi.data.slice(0, n),
      rhLo: this.rhLo.data.slice(0, n),
      sigs: this.sigs.data.slice(0, n * SIGNATURE_WORDS),
      tagRows: this.tagRows.data.slice(0, this.tagRows.length),
      tagListOf: this.tagListOf.data.slice(0, this.tagListOf.length),
      tagLists: this.tagLists.lists,
      rejects: this.rejects,
      lines,
      hasText: this.tagCtx.hasText,
    };
  }
}

/** The typed arrays of a result, for postMessage's transfer list. */
export function scanBuffers(s: ScanResult): ArrayBuffer[] {
  return [s.line, s.start, s.end, s.rec, s.stratumOf, s.keyHi, s.keyLo, s.norm, s.zero, s.vhHi, s.vhLo, s.rhHi, s.rhLo, s.sigs, s.tagRows, s.tagListOf].map((a) => a.buffer as ArrayBuffer);
}
