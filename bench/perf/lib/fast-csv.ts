/**
 * Prototype (bench only, for the sampler owner): an RFC 4180 record scanner over Buffers that jumps over quoted
 * cells with Buffer#indexOf (native memchr) instead of a per-character state machine, plus an embedding parser that
 * reads numbers straight from the bytes. Ranges of one file can be scanned in parallel: a position's quote parity
 * (how many `"` precede it) says whether it is inside a quoted cell, so a range's first record starts after its
 * first newline at even parity (the split used by DuckDB's and simdcsv's parallel CSV readers).
 */
import { openSync, readSync, closeSync } from 'node:fs';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export interface ScanStats {
  records: number;
  malformed: number;
  values: number;
  nonFinite: number;
  badEmbedding: number;
  textChars: number;
  /** sum of first components, a cheap checksum that parallel and serial runs must agree on */
  checksum: number;
}

export function newStats(): ScanStats {
  return { records: 0, malformed: 0, values: 0, nonFinite: 0, badEmbedding: 0, textChars: 0, checksum: 0 };
}

/** `"` bytes in [start, end) of the file, read in blocks */
export function countQuotes(path: string, start: number, end: number, block = 8 << 20): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(block);
  let n = 0;
  try {
    for (let pos = start; pos < end; ) {
      const len = readSync(fd, buf, 0, Math.min(block, end - pos), pos);
      if (len <= 0) break;
      for (let i = buf.indexOf(QUOTE, 0); i >= 0 && i < len; i = buf.indexOf(QUOTE, i + 1)) n++;
      pos += len;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

/**
 * Scans the records that start in [from, to) (to = file size for the last range). `oddAtFrom`: an odd number of
 * quotes precedes `from`. The first range (from = 0) skips the header line.
 */
export function scanRange(path: string, from: number, to: number, oddAtFrom: boolean, stats: ScanStats, vec: Float32Array, block = 8 << 20): void {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(block);
    // the first record start >= from: `from` itself when a newline outside quotes precedes it, else the byte after
    // the first such newline (for from = 0, the header line is skipped the same way)
    let inQuotes = from === 0 ? false : oddAtFrom;
    let start = -1;
    if (from > 0) {
      readSync(fd, buf, 0, 1, from - 1);
      if (buf[0] === LF && !inQuotes) start = from;
    }
    for (let pos = from; start < 0; ) {
      const len = readSync(fd, buf, 0, block, pos);
      if (len <= 0) return;
      let i = 0;
      for (; i < len; i++) {
        const c = buf[i]!;
        if (c === QUOTE) inQuotes = !inQuotes;
        else if (c === LF && !inQuotes) break;
      }
      if (i < len) start = pos + i + 1;
      pos += len;
    }
    let fileOff = start;
    let have = 0;
    for (;;) {
      // keep the unfinished record at the front of the buffer, fill the rest
      if (have === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const len = readSync(fd, buf, have, buf.length - have, fileOff + have);
      const end = have + Math.max(0, len);
      const eof = len <= 0;
      let p = 0;
      while (p < end) {
        if (fileOff + p >= to) return;
        const next = scanRecord(buf, p, end, eof, stats, vec);
        if (next < 0) break; // record continues past the buffer
        p = next;
      }
      if (eof) return;
      buf.copy(buf, 0, p, end);
      fileOff += p;
      have = end - p;
    }
  } finally {
    closeSync(fd);
  }
}

const MAX_FIELDS = 64;
const starts = new Int32Array(MAX_FIELDS);
const ends = new Int32Array(MAX_FIELDS);

/**
 * One record at p; returns the next record's offset, or -1 when the buffer ends first. Field bounds are found
 * first and handled only once the record is complete, so a record re-scanned after a refill is counted once.
 */
function scanRecord(b: Buffer, p: number, end: number, eof: boolean, s: ScanStats, vec: Float32Array): number {
  let field = 0;
  let i = p;
  let malformed = false;
  for (;;) {
    let fs: number;
    let fe: number;
    if (b[i] === QUOTE) {
      fs = i + 1;
      let q = b.indexOf(QUOTE, fs);
      for (;;) {
        if (q < 0 || q >= end) return eof ? finish(b, end, field, malformed, s, vec) : -1;
        if (q + 1 < end && b[q + 1] === QUOTE) {
          q = b.indexOf(QUOTE, q + 2);
          continue;
        }
        break;
      }
      fe = q;
      i = q + 1;
      if (i >= end && !eof) return -1;
      const c = b[i];
      if (c !== COMMA && c !== LF && c !== CR && i < end) {
        // an unescaped quote inside a quoted cell: the record is unreadable; skip to the end of its line
        malformed = true;
        const nl = b.indexOf(LF, i);
        if (nl < 0 || nl >= end) return eof ? finish(b, end, field, malformed, s, vec) : -1;
        i = nl;
      }
    } else {
      fs = i;
      while (i < end && b[i] !== COMMA && b[i] !== LF) i++;
      if (i >= end && !eof) return -1;
      fe = i > fs && b[i - 1] === CR && b[i] === LF ? i - 1 : i;
    }
    if (field < MAX_FIELDS) {
      starts[field] = fs;
      ends[field] = fe;
    }
    field++;
    if (b[i] === CR) i++;
    if (i >= end || b[i] === LF) return finish(b, i + 1, field, malformed, s, vec);
    i++; // comma
  }
}

function finish(b: Buffer, next: number, fields: number, malformed: boolean, s: ScanStats, vec: Float32Array): number {
  s.records++;
  if (malformed || fields !== 7) s.malformed++;
  if (!malformed) for (let f = 0; f < Math.min(fields, MAX_FIELDS); f++) onField(b, f, starts[f]!, ends[f]!, s, vec);
  return next;
}

function onField(b: Buffer, field: number, fs: number, fe: number, s: ScanStats, vec: Float32Array): void {
  if (field === 1) {
    const n = parseVector(b, fs, fe, vec);
    if (n < 0) s.badEmbedding++;
    else {
      s.values += n;
      s.checksum += vec[0] ?? 0;
      for (let k = 0; k < n; k++) if (!Number.isFinite(vec[k]!)) {
        s.nonFinite++;
        break;
      }
    }
  } else if (field === 2) {
    // decode the text as the sampler must (its detectors read it)
    s.textChars += b.toString('utf8', fs, fe).length;
  }
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** `[n,n,...]` from bytes into vec; the count, or -1 when unparseable. Handles NaN/Infinity tokens. */
export function parseVector(b: Buffer, i: number, end: number, vec: Float32Array): number {
  if (b[i] !== 0x5b) return -1;
  i++;
  let n = 0;
  for (;;) {
    while (b[i] === 0x20) i++;
    let c = b[i]!;
    if (c === 0x5d && n === 0) return 0;
    let neg = false;
    if (c === 0x2d) {
      neg = true;
      c = b[++i]!;
    }
    let v: number;
    if (c >= 0x30 && c <= 0x39) {
      let mant = 0;
      let scale = 0;
      while (c >= 0x30 && c <= 0x39) {
        mant = mant * 10 + (c - 0x30);
        c = b[++i]!;
      }
      if (c === 0x2e) {
        c = b[++i]!;
        while (c >= 0x30 && c <= 0x39) {
          mant = mant * 10 + (c - 0x30);
          scale++;
          c = b[++i]!;
        }
      }
      let exp = 0;
      if (c === 0x65 || c === 0x45) {
        c = b[++i]!;
        let en = false;
        if (c === 0x2d || c === 0x2b) {
          en = c === 0x2d;
          c = b[++i]!;
        }
        while (c >= 0x30 && c <= 0x39) {
          exp = exp * 10 + (c - 0x30);
          c = b[++i]!;
        }
        if (en) exp = -exp;
      }
      const e = exp - scale;
      // exact for up to 15 significant digits and |e| <= 22 (the fast path of strtod); approximate beyond
      v = e >= 0 ? mant * (POW10[e] ?? 10 ** e) : mant / (POW10[-e] ?? 10 ** -e);
    } else if (c === 0x4e && b[i + 1] === 0x61 && b[i + 2] === 0x4e) {
      v = NaN;
      i += 3;
    } else if (c === 0x49 && b.toString('latin1', i, i + 8) === 'Infinity') {
      v = Infinity;
      i += 8;
    } else return -1;
    if (n < vec.length) vec[n] = neg ? -v : v;
    n++;
    while (b[i] === 0x20) i++;
    c = b[i]!;
    if (c === 0x2c) {
      i++;
      if (i >= end) return -1;
      continue;
    }
    if (c === 0x5d && i === end - 1) return n;
    return -1;
  }
}
