// Worker side of the parallel prototype: phase `count` returns the quotes in a range, phase `scan` scans it.
import { parentPort } from 'node:worker_threads';
import { countQuotes, newStats, scanRange } from './fast-csv.js';

parentPort!.on('message', (m: { phase: 'count' | 'scan'; path: string; from: number; to: number; odd?: boolean; dim: number }) => {
  if (m.phase === 'count') {
    parentPort!.postMessage(countQuotes(m.path, m.from, m.to));
    return;
  }
  const stats = newStats();
  scanRange(m.path, m.from, m.to, m.odd ?? false, stats, new Float32Array(m.dim + 16));
  parentPort!.postMessage(stats);
});
