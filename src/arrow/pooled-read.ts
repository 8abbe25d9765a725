/**
 * Record batch bodies read into one reused buffer (readArrowFileBatches' `reuseBuffer`), instead of a fresh
 * ArrayBuffer per batch.
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Below this many bytes a read gets its own buffer (message headers, small batches). */
const POOLED_READ = 1 << 20;

/**
 * Makes the reader's random-access file read large blocks (record batch bodies) into one reused buffer, and every
 * read synchronously.
 * apache-arrow allocates a new ArrayBuffer per read: ~13 MB per 4,096 x 768 batch, and that much external memory
 * per batch made V8 run a full GC every few batches (15% of a 100k-row sample's main thread, and tens of MB of
 * peak RSS per thread). It patches the one reader instance (apache-arrow 21: `_impl._handle` is the
 * AsyncRandomAccessFile whose `read(n)` the message reader calls for a body); when that shape is not there,
 * reads stay as they are.
 */
export function reuseBodyBuffer(reader: unknown, fh: FileHandle): PooledReads | undefined {
  type RandomAccess = { read?: unknown; position?: unknown; size?: unknown };
  const impl = (reader as { _impl?: { _handle?: RandomAccess; _reader?: { readMessage?: unknown } } })._impl;
  const file = impl?._handle;
  if (!file || typeof file.read !== 'function' || typeof file.position !== 'number' || typeof file.size !== 'number') return undefined;
  const read = (file.read as (n: number) => Promise<Uint8Array | null>).bind(file);
  const size = file.size;
  let pool = new Uint8Array(0);
  const control: PooledReads = { plan: undefined };
  // the header of the record batch whose body is read next (what a plan picks its byte ranges from)
  let header: BatchHeader | undefined;
  const messages = impl._reader;
  if (messages && typeof messages.readMessage === 'function') {
    const readMessage = (messages.readMessage as (type?: unknown) => Promise<{ isRecordBatch?: () => boolean; header?: () => unknown } | null>).bind(messages);
    messages.readMessage = async (type?: unknown) => {
      const m = await readMessage(type);
      header = control.plan && m?.isRecordBatch?.() ? (m.header?.() as BatchHeader | undefined) : undefined;
      return m;
    };
  }
  file.read = async (n: number): Promise<Uint8Array | null> => {
    const from = file.position as number;
    if (typeof n !== 'number' || from >= size) return read(n);
    const end = Math.min(size, from + n);
    file.position = end;
    const len = end - from;
    let view: Uint8Array;
    if (len < POOLED_READ) {
      // a message header or a small body: its own buffer, read synchronously too (an asynchronous read is a
      // thread-pool round trip, ~1 ms of waiting per record batch)
      view = new Uint8Array(len);
    } else {
      if (pool.length < len) pool = new Uint8Array(Math.ceil(len * 1.25));
      view = pool.subarray(0, len);
      // a body: only the byte ranges the plan asks for, when there is a plan and it can tell
      const ranges = header && control.plan ? control.plan(header) : undefined;
      header = undefined;
      if (ranges) {
        for (const [a, b] of ranges) readFully(fh.fd, view, Math.min(a, len), Math.min(b, len), from);
        return view;
      }
    }
    // a synchronous positional read: one block from the page cache, without a thread-pool round trip per batch
    readFully(fh.fd, view, 0, len, from);
    return view;
  };
  return control;
}

/** view[a, b) from the file at `base` + a. */
function readFully(fd: number, view: Uint8Array, a: number, b: number, base: number): void {
  for (let at = a; at < b; ) {
    const bytesRead = readSync(fd, view, at, b - at, base + at);
    if (bytesRead === 0) throw new Error(`unexpected end of the Arrow file at byte ${base + at}`);
    at += bytesRead;
  }
}

/** A record batch message's header as apache-arrow decodes it: its buffers, in the schema's depth-first order. */
export interface BatchHeader {
  length: number;
  buffers: ReadonlyArray<{ offset: number; length: number }>;
  compression?: unknown;
}

/**
 * The pooled reads of one reader. `plan`: for the next record batch bodies, the byte ranges to read (sorted,
 * relative to the body), or undefined to read a body whole; the rest of the reused buffer keeps whatever it held,
 * so a plan must cover every buffer the caller will look at.
 */
export interface PooledReads {
  plan: ((header: BatchHeader) => Array<[number, number]> | undefined) | undefined;
}
