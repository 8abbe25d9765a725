/**
 * Which golden query each serial-pass latency belongs to. The serial pass keeps only its ok latencies, in
 * completion order; one client means completion order is call order, so recording the query index of every call
 * and whether it ended ok is enough to hand each latency back to its query, with no second clock.
 */
import type { QueryFn } from '../latency/types.js';

export interface CallRecorder {
  /** the query fn to run the serial pass with */
  fn: QueryFn;
  /**
   * The pass's ok latencies split by query index, or undefined when they cannot be matched to the calls (a count
   * mismatch: the pass was not serial, or something other than the pass called `fn`).
   */
  byQuery(samplesMs: readonly number[], queryCount: number): number[][] | undefined;
}

export function recordCalls(query: QueryFn): CallRecorder {
  const calls: number[] = [];
  const ok: boolean[] = [];
  const fn: QueryFn = (i, signal) => {
    const n = calls.push(i) - 1;
    ok.push(false);
    // ok as the runner classifies it: resolved before the timeout aborted the signal (the runner's own handler
    // runs in the same microtask turn, so no timer can fire in between)
    return Promise.resolve(query(i, signal)).then((value) => {
      ok[n] = !signal.aborted;
      return value;
    });
  };
  return {
    fn,
    byQuery(samplesMs, queryCount) {
      const out: number[][] = Array.from({ length: queryCount }, () => []);
      let s = 0;
      for (let c = 0; c < calls.length; c++) {
        if (!ok[c]) continue;
        const i = calls[c]!;
        const latency = samplesMs[s++];
        if (latency === undefined || i >= queryCount) return undefined;
        out[i]!.push(latency);
      }
      return s === samplesMs.length ? out : undefined;
    },
  };
}
