/**
 * The byte-level core of the CSV scanner (pure: a Buffer in, field bounds out). It accepts the plain subset of
 * RFC 4180 that csv-parse (the parser of record, with the sampler's options: relax_quotes, relax_column_count,
 * skip_empty_lines, a discovered "\n" or "\r\n" record delimiter) reads the same way: unquoted fields without
 * quotes or line breaks, and quoted fields whose closing quote is followed by a comma, the record delimiter or
 * the end of input. A quoted cell is jumped over with Buffer#indexOf (memchr) instead of a per-byte state
 * machine. Anything else (a stray quote, text after a closing quote, a lone CR or LF that csv-parse keeps as
 * data, an unterminated quote) is reported as UNUSUAL, and the caller re-reads that record with csv-parse.
 */

export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const LF = 0x0a;
export const CR = 0x0d;

/** the record continues past the bytes given */
export const NEED_MORE = -1;
/** the record is outside the subset: read it with csv-parse */
export const UNUSUAL = -2;

/** more fields than this: UNUSUAL (csv-parse reads it) */
export const MAX_FIELDS = 4096;

/** Field bounds of the last record scanned (reused: one per scanner). */
export class RecordShape {
  fields = 0;
  /** content bounds: inside the quotes for a quoted field */
  readonly start = new Int32Array(MAX_FIELDS);
  readonly end = new Int32Array(MAX_FIELDS);
  /** 0: unquoted; 1: quoted; 2: quoted, holding "" escapes */
  readonly kind = new Uint8Array(MAX_FIELDS);
  /** CR and LF bytes inside quoted fields: csv-parse counts each one as a line (a CRLF there counts twice) */
  breaks = 0;
  /** false when the record ended at the end of input without a record delimiter */
  delimited = false;
}

/**
 * Finds the CR and LF bytes inside quoted fields without a per-byte loop: it remembers the next CR and LF at
 * or after the last position asked about, so each byte is searched at most once per buffer fill.
 */
export class BreakCounter {
  private lf = -1;
  private cr = -1;

  /** after the buffer's contents moved */
  reset(): void {
    this.lf = -1;
    this.cr = -1;
  }

  count(b: Buffer, from: number, to: number): number {
    let n = 0;
    if (this.lf < from) this.lf = next(b, LF, from);
    while (this.lf < to) {
      n++;
      this.lf = next(b, LF, this.lf + 1);
    }
    if (this.cr < from) this.cr = next(b, CR, from);
    while (this.cr < to) {
      n++;
      this.cr = next(b, CR, this.cr + 1);
    }
    return n;
  }
}

function next(b: Buffer, byte: number, from: number): number {
  const i = b.indexOf(byte, from);
  return i < 0 ? Infinity : i;
}

/**
 * Scans the record starting at `p` of `b` (which holds valid bytes up to its length); `eof`: nothing follows
 * `b`. Returns the offset just past the record (and its delimiter), NEED_MORE or UNUSUAL; the bounds go to
 * `shape`. The caller has skipped empty lines, so `p` starts a record.
 */
export function scanRecord(b: Buffer, p: number, eof: boolean, crlf: boolean, shape: RecordShape, breaks: BreakCounter): number {
  const end = b.length;
  const starts = shape.start;
  const ends = shape.end;
  const kinds = shape.kind;
  let i = p;
  let f = 0;
  let nb = 0;
  for (;;) {
    if (f === MAX_FIELDS) return UNUSUAL;
    if (i < end && b[i] === QUOTE) {
      const fs = i + 1;
      let kind = 1;
      let q = b.indexOf(QUOTE, fs);
      for (;;) {
        if (q < 0) return eof ? UNUSUAL : NEED_MORE;
        if (q + 1 >= end) {
          if (!eof) return NEED_MORE;
          break;
        }
        if (b[q + 1] !== QUOTE) break;
        kind = 2;
        q = b.indexOf(QUOTE, q + 2);
      }
      starts[f] = fs;
      ends[f] = q;
      kinds[f] = kind;
      f++;
      nb += breaks.count(b, fs, q);
      i = q + 1;
      if (i >= end) return done(shape, f, nb, false, end);
      const c = b[i];
      if (c === COMMA) {
        i++;
        continue;
      }
      if (!crlf) return c === LF ? done(shape, f, nb, true, i + 1) : UNUSUAL;
      if (c !== CR) return UNUSUAL;
      if (i + 1 >= end) return eof ? UNUSUAL : NEED_MORE;
      return b[i + 1] === LF ? done(shape, f, nb, true, i + 2) : UNUSUAL;
    }
    const fs = i;
    for (;;) {
      if (i >= end) {
        if (!eof) return NEED_MORE;
        starts[f] = fs;
        ends[f] = i;
        kinds[f] = 0;
        return done(shape, f + 1, nb, false, end);
      }
      const c = b[i] as number;
      if (c > COMMA) {
        i++;
        continue;
      }
      if (c === COMMA) break;
      if (c === LF) {
        if (crlf) return UNUSUAL;
        starts[f] = fs;
        ends[f] = i;
        kinds[f] = 0;
        return done(shape, f + 1, nb, true, i + 1);
      }
      if (c === CR) {
        if (!crlf) return UNUSUAL;
        if (i + 1 >= end) return eof ? UNUSUAL : NEED_MORE;
        if (b[i + 1] !== LF) return UNUSUAL;
        starts[f] = fs;
        ends[f] = i;
        kinds[f] = 0;
        return done(shape, f + 1, nb, true, i + 2);
      }
      // relax_quotes: csv-parse keeps a quote inside an unquoted field as data; rare, so csv-parse reads it
      if (c === QUOTE) return UNUSUAL;
      i++;
    }
    starts[f] = fs;
    ends[f] = i;
    kinds[f] = 0;
    f++;
    i++;
  }
}

function done(shape: RecordShape, fields: number, breaks: number, delimited: boolean, next: number): number {
  shape.fields = fields;
  shape.breaks = breaks;
  shape.delimited = delimited;
  return next;
}

/** Decodes field `f` of the last record as csv-parse does (UTF-8, "" unescaped). */
export function fieldText(b: Buffer, shape: RecordShape, f: number): string {
  const s = b.toString('utf8', shape.start[f] as number, shape.end[f] as number);
  return shape.kind[f] === 2 ? s.replaceAll('""', '"') : s;
}
