/** VECSTAGE_TRACE=1: one stderr line per sampler phase, with milliseconds since the process started (for profiling). */
const on = process.env.VECSTAGE_TRACE === '1';

export function trace(label: string): void {
  if (on) process.stderr.write(`vecstage trace ${performance.now().toFixed(0).padStart(6)} ms  ${label}\n`);
}
