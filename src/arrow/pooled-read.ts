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
export function reuseBodyBuffer(reader: unknown, fh: FileHandle): void {
  type RandomAccess = { read?: unknown; position?: unknown; size?: unknown };
  const file = (reader as { _impl?: { _handle?: RandomAccess } })._impl?._handle;
  if (!file || typeof file.read !== 'function' || typeof file.position !== 'number' || typeof file.size !== 'number') return;
  const read = (file.read as (n: number) => Promise<Uint8Array | null>).bind(file);
  const size = file.size;
  let pool = new Uint8Array(0);
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
    }
    // a synchronous positional read: one block from the page cache, without a thread-pool round trip per batch
    for (let at = 0; at < len; ) {
      const bytesRead = readSync(fh.fd, view, at, len - at, from + at);
      if (bytesRead === 0) throw new Error(`unexpected end of the Arrow file at byte ${from + at}`);
      at += bytesRead;
    }
    return view;
  };
}
