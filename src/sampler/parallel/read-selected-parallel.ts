/**
 * Pass 2 of exact mode over a CSV file on several cores: the selected records (sorted by file offset) are cut
 * into chunks of CHUNK_ROWS; chunk k goes to worker k mod N, which reads, parses and validates it
 * (selected-chunk.ts) and sends back columns. This thread takes the chunks in file order and only writes them,
 * so the sample is byte for byte the serial pass 2's. Each worker has at most two chunks outstanding, so memory
 * holds a few chunks, never the whole sample. A chunk whose worker failed is read here instead.
 */
import { Worker } from 'node:worker_threads';
import { VecstageError } from '../../errors.js';
import { trace } from '../trace.js';
import { SelectedChunkReader, type SelectedChunk, type SelectedChunkResult, type SelectedWorkerData } from '../write/selected-chunk.js';

export const CHUNK_ROWS = 512;
const AHEAD = 2;

export type SelectedColumns = Extract<SelectedChunkResult, { ok: true }>;

interface Member {
  worker: Worker;
  outstanding: Set<number>;
  dead: boolean;
  onResult?: (r: SelectedChunkResult) => void;
  onFail?: (message: string) => void;
}

/**
 * Pass 2's worker threads, started ahead of time: they load their module graph and the native addon while this
 * thread merges pass 1 and selects (~0.1 s that pass 2 otherwise spent waiting for its first chunk). Close it
 * when pass 2 does not use it.
 */
export class SelectedWorkerPool {
  /** pools not closed yet, in this thread (a test checks that every path closes its pool) */
  static open = 0;
  readonly members: Member[] = [];
  private closed = false;

  constructor(
    url: URL,
    readonly data: SelectedWorkerData,
    threads: number,
  ) {
    SelectedWorkerPool.open++;
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(url, { workerData: data, execArgv: [] });
      const m: Member = { worker, outstanding: new Set<number>(), dead: false };
      worker.on('message', (r: SelectedChunkResult) => {
        m.outstanding.delete(r.k);
        m.onResult?.(r);
      });
      const fail = (message: string): void => {
        if (m.dead) return;
        m.dead = true;
        m.onFail?.(message);
      };
      worker.once('error', (err) => fail(err.message));
      worker.once('exit', (code) => fail(`worker exited with ${code}`));
      this.members.push(m);
    }
  }

  close(): void {
    if (!this.closed) SelectedWorkerPool.open--;
    this.closed = true;
    for (const m of this.members) {
      m.dead = true;
      void m.worker.terminate();
    }
  }
}

/** Chunks in file order, each with the pass-1 row numbers of its records. Closes the pool when done. */
export async function* readSelectedParallel(
  pool: SelectedWorkerPool,
  spans: { rows: Uint32Array; start: Float64Array; end: Float64Array; line: Uint32Array },
): AsyncGenerator<{ rows: Uint32Array; columns: SelectedColumns }> {
  const data = pool.data;
  const n = spans.rows.length;
  const count = Math.ceil(n / CHUNK_ROWS);
  const chunkRows = (k: number): Uint32Array => spans.rows.subarray(k * CHUNK_ROWS, Math.min(n, (k + 1) * CHUNK_ROWS));
  const chunk = (k: number): SelectedChunk => {
    const rows = chunkRows(k);
    return {
      k,
      start: Float64Array.from(rows, (r) => spans.start[r] as number),
      end: Float64Array.from(rows, (r) => spans.end[r] as number),
      line: Uint32Array.from(rows, (r) => spans.line[r] as number),
    };
  };
  const waiting = new Map<number, (r: SelectedChunkResult) => void>();
  const results = new Map<number, SelectedChunkResult>();
  const settle = (r: SelectedChunkResult): void => {
    const resolve = waiting.get(r.k);
    if (resolve) {
      waiting.delete(r.k);
      resolve(r);
    } else results.set(r.k, r);
  };
  const members = pool.members;
  for (const m of members) {
    m.onResult = settle;
    m.onFail = (message) => {
      for (const k of m.outstanding) settle({ k, ok: false, line: undefined, message });
      m.outstanding.clear();
    };
  }
  const post = (k: number): void => {
    if (k >= count) return;
    const m = members[k % members.length]!;
    if (m.dead) {
      settle({ k, ok: false, line: undefined, message: 'worker gone' });
      return;
    }
    m.outstanding.add(k);
    const c = chunk(k);
    m.worker.postMessage(c, [c.start.buffer as ArrayBuffer, c.end.buffer as ArrayBuffer, c.line.buffer as ArrayBuffer]);
  };
  let local: SelectedChunkReader | undefined;
  try {
    for (let k = 0; k < members.length * AHEAD; k++) post(k);
    for (let k = 0; k < count; k++) {
      let r = results.get(k);
      if (r) results.delete(k);
      else r = await new Promise<SelectedChunkResult>((resolve) => waiting.set(k, resolve));
      post(k + members.length * AHEAD);
      if (!r.ok && r.line === undefined) r = await (local ??= new SelectedChunkReader(data)).read(chunk(k));
      if (!r.ok) {
        if (r.line === undefined) throw new VecstageError('INTERNAL', `pass 2 could not read chunk ${k}: ${r.message}`);
        throw new VecstageError('INPUT', `${data.source} changed between the two passes (line ${r.line}); sample a stable file`);
      }
      if ((k & 3) === 0) trace(`pass 2: chunk ${k} of ${count}`);
      yield { rows: chunkRows(k), columns: r };
    }
  } finally {
    pool.close();
  }
}
