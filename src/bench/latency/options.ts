import { invalid } from '../../errors.js';
import type { BootstrapOptions } from './bootstrap.js';
import { realClock } from './clock.js';
import type { DescribeOptions } from './measured-set.js';
import type { Clock } from './types.js';

export interface WarmupOptions {
  /** stop after this many requests; @default 50 when neither field is given */
  requests?: number;
  /** stop after this much time; whichever limit is reached first ends the warm-up */
  durationMs?: number;
}

/** Options every runner takes (user-facing: all optional except queryCount). */
export interface RunnerOptions {
  /** how many golden queries there are; runners pass query indexes in [0, queryCount) */
  queryCount: number;
  /** @default realClock (performance.now and Node timers) */
  clock?: Clock;
  /** per-request timeout, measured from the send; Infinity disables it; @default 10000 */
  timeoutMs?: number;
  /** excluded from the results and reported apart; `false` for none; @default { requests: 50 } */
  warmup?: WarmupOptions | false;
  /** bootstrap intervals of the percentiles; `false` for none; @default { resamples: 1000, confidence: 0.95 } */
  bootstrap?: BootstrapOptions | false;
  /** @default 10 */
  histogramBucketsPerDecade?: number;
  /** @default 200 */
  cdfPoints?: number;
}

export interface ResolvedRunnerOptions {
  queryCount: number;
  clock: Clock;
  timeoutMs: number;
  warmup: { requests: number; durationMs: number };
  describe: DescribeOptions;
}

export function resolveRunnerOptions(o: RunnerOptions, where: string): ResolvedRunnerOptions {
  positiveInt(o.queryCount, 'queryCount', where);
  const timeoutMs = o.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw invalid('timeoutMs', timeoutMs, 'a number of milliseconds > 0, or Infinity', where);
  let warmup = { requests: 50, durationMs: Infinity };
  if (o.warmup === false) warmup = { requests: 0, durationMs: Infinity };
  else if (o.warmup) {
    const { requests, durationMs } = o.warmup;
    if (requests !== undefined) nonNegativeInt(requests, 'warmup.requests', where);
    if (durationMs !== undefined && !(durationMs >= 0)) {
      throw invalid('warmup.durationMs', durationMs, 'a number of milliseconds >= 0', where);
    }
    warmup = { requests: requests ?? Infinity, durationMs: durationMs ?? Infinity };
    if (requests === undefined && durationMs === undefined) warmup = { requests: 50, durationMs: Infinity };
  }
  const bucketsPerDecade = o.histogramBucketsPerDecade ?? 10;
  positiveInt(bucketsPerDecade, 'histogramBucketsPerDecade', where);
  const cdf = o.cdfPoints ?? 200;
  if (!Number.isInteger(cdf) || cdf < 2) throw invalid('cdfPoints', cdf, 'an integer >= 2', where);
  return {
    queryCount: o.queryCount,
    clock: o.clock ?? realClock,
    timeoutMs,
    warmup,
    describe: { bootstrap: o.bootstrap ?? {}, bucketsPerDecade, cdfPoints: cdf },
  };
}

export function positiveInt(v: unknown, name: string, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalid(name, v, 'an integer >= 1', where);
  return v;
}

export function nonNegativeInt(v: unknown, name: string, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(name, v, 'an integer >= 0', where);
  return v;
}

/** A run length: a request count, a duration, or both (whichever is reached first ends it). */
export function resolveLength(
  requests: number | undefined,
  durationMs: number | undefined,
  defaults: { requests?: number; durationMs?: number },
  where: string,
  requestsName = 'requests',
): { requests: number; durationMs: number } {
  if (requests !== undefined) positiveInt(requests, requestsName, where);
  if (durationMs !== undefined && !(durationMs > 0 && Number.isFinite(durationMs))) {
    throw invalid('durationMs', durationMs, 'a finite number of milliseconds > 0', where);
  }
  if (requests === undefined && durationMs === undefined) {
    return { requests: defaults.requests ?? Infinity, durationMs: defaults.durationMs ?? Infinity };
  }
  return { requests: requests ?? Infinity, durationMs: durationMs ?? Infinity };
}
