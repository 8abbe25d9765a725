import { sleep } from '../../../src/bench/latency/clock.js';
import type { Clock, QueryFn } from '../../../src/bench/latency/types.js';

/** A query that takes `ms` on the clock and records every call's query index. */
export function sleeper(clock: Clock, ms: number): QueryFn & { calls: number[] } {
  const calls: number[] = [];
  const fn = async (i: number): Promise<void> => {
    calls.push(i);
    await sleep(clock, ms);
  };
  return Object.assign(fn, { calls });
}

/**
 * A single-server FIFO service (one request served at a time) with a fixed service time; the `stallAt`-th
 * request (0-based, counted over all calls) takes `stallMs` instead. Requests arriving while it is busy queue.
 */
export function fifoService(clock: Clock, serviceMs: number, stall?: { at: number; ms: number }): QueryFn {
  let busyUntil = -Infinity;
  let n = 0;
  return async () => {
    const k = n++;
    const s = stall && k === stall.at ? stall.ms : serviceMs;
    const begin = Math.max(clock.now(), busyUntil);
    busyUntil = begin + s;
    await sleep(clock, busyUntil - clock.now());
  };
}
