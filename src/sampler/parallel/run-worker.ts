/** Runs one pass-1 range in a worker thread; undefined when it fails in any way (the caller then scans serially). */
import { Worker } from 'node:worker_threads';

export function runScanWorker<P, R>(url: URL, params: P): Promise<R | undefined> {
  return new Promise((resolve) => {
    // execArgv: [] — a worker would otherwise re-run the parent's --import tsx (about 0.1 CPU-s)
    const worker = new Worker(url, { workerData: params, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.VS_YG1 ?? 16) } });
    let settled = false;
    const finish = (r: R | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
    worker.once('message', (m: { ok: true; result: R } | { ok: false; message: string }) => finish(m.ok ? m.result : undefined));
    worker.once('error', () => finish(undefined));
    worker.once('exit', () => finish(undefined));
  });
}
