/**
 * The embedding cache: vectors keyed by (embedder identity, sha256 of the text), so a second chunking strategy
 * re-embeds only the chunks it has not seen, and a killed build keeps what it paid for.
 *
 * On disk: `<dir>/<identity>/*.seg`, append-only segment files, one per writing session (two processes never
 * append to the same file). A segment is a 16-byte header (magic "VSEC", version 1, dimension, 0) followed by
 * fixed-size records: 32 bytes of sha256, then `dimension` little-endian float32. Because records have one size,
 * a record torn by a kill (always the file's last) is recognised by the length alone and ignored on open. A
 * write(2) that returned survives the process being killed (the kernel holds it); only power loss can lose more,
 * which is why there is no fsync per flush.
 *
 * Memory: an index textHash -> (segment, offset) built on open by reading the segments sequentially (hashes
 * kept, vectors skipped); vectors stay on disk and `get` reads one back with a positioned read (page-cached after
 * the first time). Puts are held in memory until flushed, which happens when they reach `flushBytes` or when
 * `flushMs` has passed since the last flush (checked on put), and on flush()/close(). The cache holds one
 * dimension: the one given, else the first segment's, else the first put's; segments of another are ignored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { VecstageError } from '../../errors.js';

export interface EmbedCache {
  readonly dir: string;
  /** vectors this cache knows (on disk and pending) */
  readonly size: number;
  readonly dimension: number | undefined;
  /** segments skipped on open because they hold another dimension or a broken header */
  readonly ignoredSegments: number;
  get(textHash: string): Float32Array | undefined;
  /** a hash already known is ignored (first write wins) */
  put(textHash: string, vector: Float32Array): void;
  /** writes every pending vector; resolves when they are on disk */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface EmbedCacheOptions {
  /** @default 4 MiB */
  flushBytes?: number;
  /** @default 2000 */
  flushMs?: number;
  /** a new segment is started past this size; @default 256 MiB */
  maxSegmentBytes?: number;
  /** @default Date.now */
  now?: () => number;
}

const MAGIC = 0x43455356; // "VSEC" little-endian
const VERSION = 1;
const HEADER = 16;
const HASH = 32;
/** segment number packed under the byte offset in one safe integer: offset * 4096 + segment */
const MAX_SEGMENTS = 4096;
const HEX64 = /^[0-9a-f]{64}$/;

/** sha256 of the text's UTF-8 bytes, hex: the cache's per-text key. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface Segment {
  fd: number;
}

export async function openEmbedCache(dir: string, identity: string, dimension?: number, opts: EmbedCacheOptions = {}): Promise<EmbedCache> {
  if (!/^[0-9a-f]{16,128}$/.test(identity)) throw new VecstageError('INTERNAL', `invalid embedder identity for the cache: ${JSON.stringify(identity)}; allowed: a hex digest`);
  const root = join(dir, identity);
  mkdirSync(root, { recursive: true });
  const cache = new SegmentCache(root, dimension, opts);
  cache.load();
  return cache;
}

class SegmentCache implements EmbedCache {
  private dim: number | undefined;
  private readonly segments: Segment[] = [];
  private readonly index = new Map<string, number>();
  private pending = new Map<string, Float32Array>();
  private pendingBytes = 0;
  private lastFlush: number;
  private chain: Promise<void> = Promise.resolve();
  private writer: { handle: FileHandle; segment: number; size: number } | undefined;
  private failure: unknown;
  private closed = false;
  ignoredSegments = 0;
  private readonly flushBytes: number;
  private readonly flushMs: number;
  private readonly maxSegmentBytes: number;
  private readonly now: () => number;

  constructor(
    readonly dir: string,
    dimension: number | undefined,
    opts: EmbedCacheOptions,
  ) {
    this.dim = dimension;
    this.flushBytes = opts.flushBytes ?? 4 << 20;
    this.flushMs = opts.flushMs ?? 2000;
    this.maxSegmentBytes = opts.maxSegmentBytes ?? 256 << 20;
    this.now = opts.now ?? Date.now;
    this.lastFlush = this.now();
  }

  get size(): number {
    return this.index.size + this.pending.size;
  }

  get dimension(): number | undefined {
    return this.dim;
  }

  /** Reads every segment's hashes (oldest name first; a hash seen twice keeps its first record). */
  load(): void {
    const names = readdirSync(this.dir).filter((n) => n.endsWith('.seg')).sort();
    for (const name of names) {
      const fd = openSync(join(this.dir, name), 'r');
      const header = Buffer.alloc(HEADER);
      const size = fstatSync(fd).size;
      const ok = size >= HEADER && readSync(fd, header, 0, HEADER, 0) === HEADER && header.readUInt32LE(0) === MAGIC && header.readUInt32LE(4) === VERSION;
      const segDim = ok ? header.readUInt32LE(8) : 0;
      if (!ok || segDim === 0 || (this.dim !== undefined && segDim !== this.dim)) {
        closeSync(fd);
        this.ignoredSegments++;
        continue;
      }
      this.dim = segDim;
      const seg = this.addSegment(fd);
      this.indexSegment(fd, seg, size);
    }
  }

  private addSegment(fd: number): number {
    if (this.segments.length >= MAX_SEGMENTS) {
      throw new VecstageError('INPUT', `the embedding cache ${this.dir} has ${MAX_SEGMENTS} segment files; allowed: fewer (delete the folder to start over: it only costs re-embedding)`);
    }
    this.segments.push({ fd });
    return this.segments.length - 1;
  }

  private indexSegment(fd: number, seg: number, size: number): void {
    const rec = this.recordBytes();
    const records = Math.floor((size - HEADER) / rec); // a torn last record is not counted
    const perRead = Math.max(1, Math.floor((4 << 20) / rec));
    const buf = Buffer.alloc(perRead * rec);
    for (let r = 0; r < records; r += perRead) {
      const n = Math.min(perRead, records - r);
      const got = readSync(fd, buf, 0, n * rec, HEADER + r * rec);
      for (let i = 0; i < Math.floor(got / rec); i++) {
        const hash = buf.toString('hex', i * rec, i * rec + HASH);
        if (!this.index.has(hash)) this.index.set(hash, (HEADER + (r + i) * rec) * MAX_SEGMENTS + seg);
      }
    }
  }

  private recordBytes(): number {
    return HASH + (this.dim ?? 0) * 4;
  }

  get(textHash: string): Float32Array | undefined {
    const p = this.pending.get(textHash);
    if (p) return p;
    const loc = this.index.get(textHash);
    if (loc === undefined || this.dim === undefined) return undefined;
    const seg = this.segments[loc % MAX_SEGMENTS] as Segment;
    const offset = Math.floor(loc / MAX_SEGMENTS) + HASH;
    const out = new Float32Array(this.dim);
    const bytes = Buffer.from(out.buffer);
    const got = readSync(seg.fd, bytes, 0, bytes.length, offset);
    if (got !== bytes.length) return undefined;
    if (!isLittleEndian) for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
    return out;
  }

  put(textHash: string, vector: Float32Array): void {
    if (this.closed) throw new VecstageError('INTERNAL', `embedding cache ${this.dir} is closed`);
    if (!HEX64.test(textHash)) throw new VecstageError('INTERNAL', `invalid text hash for the embedding cache: ${JSON.stringify(textHash)}; allowed: 64 hex digits (textHash())`);
    if (this.index.has(textHash) || this.pending.has(textHash)) return;
    if (this.dim === undefined) this.dim = vector.length;
    if (vector.length !== this.dim) {
      throw new VecstageError('INTERNAL', `embedding cache ${this.dir} holds dimension ${this.dim}, got a vector of ${vector.length}`);
    }
    this.pending.set(textHash, vector);
    this.pendingBytes += this.recordBytes();
    if (this.pendingBytes >= this.flushBytes || this.now() - this.lastFlush >= this.flushMs) {
      // a background flush: its failure is kept and thrown by the next flush()/close()
      this.flush().catch(() => undefined);
    }
  }

  flush(): Promise<void> {
    this.lastFlush = this.now();
    this.chain = this.chain.then(() => this.writePending());
    return this.chain.then(() => {
      if (this.failure !== undefined) throw this.failure;
    });
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0 || this.failure !== undefined || this.dim === undefined) return;
    const batch = [...this.pending];
    this.pendingBytes = 0;
    const rec = this.recordBytes();
    const buf = Buffer.alloc(batch.length * rec);
    batch.forEach(([hash, v], i) => {
      buf.write(hash, i * rec, HASH, 'hex');
      const body = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (isLittleEndian) body.copy(buf, i * rec + HASH);
      else for (let j = 0; j < v.length; j++) buf.writeFloatLE(v[j] as number, i * rec + HASH + j * 4);
    });
    try {
      const w = await this.segmentForWrite(buf.length);
      let done = 0;
      while (done < buf.length) {
        const { bytesWritten } = await w.handle.write(buf, done, buf.length - done, w.size + done);
        done += bytesWritten;
      }
      batch.forEach(([hash], i) => {
        if (!this.index.has(hash)) this.index.set(hash, (w.size + i * rec) * MAX_SEGMENTS + w.segment);
        this.pending.delete(hash);
      });
      w.size += buf.length;
    } catch (err) {
      this.failure = new VecstageError('INTERNAL', `embedding cache ${this.dir}: write failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }

  /** This session's segment, a new one when there is none yet or it would pass maxSegmentBytes. */
  private async segmentForWrite(bytes: number): Promise<{ handle: FileHandle; segment: number; size: number }> {
    if (this.writer && this.writer.size + bytes <= this.maxSegmentBytes) return this.writer;
    if (this.writer) await this.writer.handle.close();
    // names sort by creation time, so on open the older record of a hash wins everywhere
    const name = `${Date.now().toString(36).padStart(10, '0')}-${process.pid.toString(36)}-${randomBytes(4).toString('hex')}.seg`;
    const path = join(this.dir, name);
    const handle = await open(path, 'wx');
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(VERSION, 4);
    header.writeUInt32LE(this.dim as number, 8);
    await handle.write(header, 0, HEADER, 0);
    const readFd = openSync(path, 'r');
    this.writer = { handle, segment: this.addSegment(readFd), size: HEADER };
    return this.writer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.writer) await this.writer.handle.close();
      for (const s of this.segments) closeSync(s.fd);
    }
  }
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
