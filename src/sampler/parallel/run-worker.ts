/** Worker threads for pass 1 (and the fingerprint): one result message per part, and how the work is split. */
import { Worker } from 'node:worker_threads';
import { trace } from '../trace.js';

/**
 * Starts a worker and settles with its first message, or undefined when it cannot start, fails or exits first;
 * the worker is terminated either way.
 */
export function firstMessage<M>(start: () => Worker): Promise<M | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = start();
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const finish = (m: M | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(m);
      void worker.terminate();
    };
    worker.once('message', (m: M) => finish(m));
    worker.once('error', () => finish(undefined));
    worker.once('exit', () => finish(undefined));
  });
}

/** Runs one pass-1 range in a worker thread; undefined when it fails in any way (the caller then scans serially). */
export async function runScanWorker<P, R>(url: URL, params: P): Promise<R | undefined> {
  // execArgv: [] — a worker would otherwise re-run the parent's --import tsx (about 0.1 CPU-s)
  const m = await firstMessage<{ ok: true; result: R } | { ok: false; message: string }>(() => new Worker(url, { workerData: params, execArgv: [] }));
  return m?.ok ? m.result : undefined;
}

/**
 * Runs parts[1..] in worker threads and parts[0] in this thread (which would otherwise only wait): one thread
 * fewer to start, and one V8 heap fewer in the process's resident memory. A failed part is undefined.
 */
export async function runParts<P, R>(url: URL, parts: P[], here: (p: P) => Promise<R>): Promise<Array<R | undefined>> {
  const others = parts.slice(1).map((p) => runScanWorker<P, R>(url, p));
  // the workers are started before this thread's part, which may not yield until it is done
  await new Promise((r) => setImmediate(r));
  const first = parts.length > 0 ? await here(parts[0] as P).catch(() => undefined) : undefined;
  trace('parts: this thread done');
  const rest = await Promise.all(others);
  trace('parts: workers done');
  return [first, ...rest];
}

/**
 * The share of the work the main thread's part gets, relative to each worker's 1: a worker starts ~0.1 s later
 * (thread, module graph, native addon) and the main thread has nothing else to do meanwhile, so equal parts left
 * it idle at the end of pass 1 (measured 0.1-0.27 s at 100k rows on 2 cores).
 */
export const MAIN_PART_WEIGHT = 1.1;

/** Where the parts of [0, total) end, the first part weighted MAIN_PART_WEIGHT: `parts + 1` boundaries. */
export function weightedBounds(total: number, parts: number): number[] {
  const sum = MAIN_PART_WEIGHT + (parts - 1);
  return Array.from({ length: parts + 1 }, (_, k) => (k === 0 ? 0 : (total * (MAIN_PART_WEIGHT + k - 1)) / sum));
}
