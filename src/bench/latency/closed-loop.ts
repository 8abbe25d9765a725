/**
 * The closed-loop concurrency sweep (DESIGN §5). At each level c, c workers each send their next request when
 * the previous one completes (a closed system: throughput is bounded by c / latency). Worker w starts at query
 * floor(w * queryCount / c), so workers do not all hit the same query at the same time. A level ends when its
 * request budget is spent or its duration has elapsed (no new requests after that; those in flight finish).
 * QPS = ok requests / wall time, wall time running from the level's start to its last completion.
 */
import { invalid } from '../../errors.js';
import { describe } from './measured-set.js';
import { resolveLength, resolveRunnerOptions, type ResolvedRunnerOptions, type RunnerOptions } from './options.js';
import { Deadlines } from './deadlines.js';
import { runQuery } from './outcome.js';
import { Tally } from './tally.js';
import type { QueryFn, SweepLevelResult, SweepResult } from './types.js';
import { runWarmup } from './warmup.js';

export interface SweepOptions extends RunnerOptions {
  /** client counts, one level each; @default [1, 4, 16] */
  concurrency?: number[];
  /** requests per level (all workers together) */
  requests?: number;
  /** time per level; @default 10000 when `requests` is not given either */
  durationMs?: number;
}

export async function runSweep(query: QueryFn, options: SweepOptions): Promise<SweepResult> {
  const where = 'closed-loop sweep';
  const o = resolveRunnerOptions(options, where);
  const levels = options.concurrency ?? [1, 4, 16];
  if (!Array.isArray(levels) || levels.length === 0 || levels.some((c) => !Number.isInteger(c) || c < 1)) {
    throw invalid('concurrency', levels, 'a non-empty list of integers >= 1', where);
  }
  const len = resolveLength(options.requests, options.durationMs, { durationMs: 10_000 }, where);
  const warmup = await runWarmup(query, o);
  const results: SweepLevelResult[] = [];
  for (const c of levels) results.push(await runLevel(query, c, len, o));
  return { kind: 'closed-loop', warmup, levels: results };
}

/** One level of the sweep: c closed-loop workers. */
export async function runLevel(
  query: QueryFn,
  concurrency: number,
  len: { requests: number; durationMs: number },
  o: ResolvedRunnerOptions,
): Promise<SweepLevelResult> {
  const { clock, queryCount, timeoutMs } = o;
  const tally = new Tally();
  let issued = 0;
  const t0 = clock.now();
  let last = t0;
  const worker = async (w: number): Promise<void> => {
    let q = Math.floor((w * queryCount) / concurrency);
    while (issued < len.requests && clock.now() - t0 < len.durationMs) {
      issued++;
      const start = clock.now();
      const out = await runQuery(query, q, clock, timeoutMs, start, deadlines);
      tally.add(out);
      const end = start + out.latencyMs;
      if (end > last) last = end;
      q = (q + 1) % queryCount;
    }
  };
  const deadlines = new Deadlines(clock, timeoutMs);
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  } finally {
    deadlines.close();
  }
  return { concurrency, ...describe(tally, last - t0, o.describe) };
}
