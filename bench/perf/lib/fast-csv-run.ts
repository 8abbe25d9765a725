// Runs the prototype scanner over a CSV with W worker threads (W = 1: in this thread) and prints its stats.
// argv: <file> <workers> [dim]
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { newStats, scanRange, type ScanStats } from './fast-csv.js';

const [file, w, d] = process.argv.slice(2);
const workers = Number(w ?? 1);
const dim = Number(d ?? 768);
const size = statSync(file!).size;

if (workers <= 1) {
  const stats = newStats();
  scanRange(file!, 0, size, false, stats, new Float32Array(dim + 16));
  process.stdout.write(`${JSON.stringify(stats)}\n`);
} else {
  const module = new URL('./fast-csv-worker.ts', import.meta.url).href;
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { module } }));
  const ask = <T>(k: number, msg: object) => new Promise<T>((resolve, reject) => {
    pool[k]!.once('message', resolve);
    pool[k]!.once('error', reject);
    pool[k]!.postMessage(msg);
  });
  const cuts = Array.from({ length: workers + 1 }, (_, k) => Math.floor((size * k) / workers));
  // phase 1 (parallel): quotes per range -> each range's starting parity
  const quotes = await Promise.all(pool.map((_, k) => ask<number>(k, { phase: 'count', path: file, from: cuts[k], to: cuts[k + 1], dim })));
  let before = 0;
  const odd = quotes.map((q) => {
    const o = before % 2 === 1;
    before += q;
    return o;
  });
  // phase 2 (parallel): each range scans the records that start in it
  const parts = await Promise.all(pool.map((_, k) => ask<ScanStats>(k, { phase: 'scan', path: file, from: cuts[k], to: cuts[k + 1], odd: odd[k], dim })));
  const total = newStats();
  for (const p of parts) for (const key of Object.keys(total) as Array<keyof ScanStats>) total[key] += p[key];
  await Promise.all(pool.map((t) => t.terminate()));
  process.stdout.write(`${JSON.stringify(total)}\n`);
}
