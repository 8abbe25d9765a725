/**
 * VECSTAGE_TRACE=1: one stderr line per sampler phase, with milliseconds since the process started and the
 * process's resident and V8 heap memory (for profiling; bench/README.md uses it).
 */
const on = process.env.VECSTAGE_TRACE === '1';

export function trace(label: string): void {
  if (!on) return;
  const m = process.memoryUsage();
  const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`.padStart(7);
  process.stderr.write(`vecstage trace ${performance.now().toFixed(0).padStart(6)} ms  rss ${mb(m.rss)}  heap ${mb(m.heapUsed)}  ${label}\n`);
}
