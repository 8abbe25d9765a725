/**
 * The serial pass (DESIGN §5): one client, one request at a time, driven and timed by tinybench (the only
 * module that imports it). tinybench decides how many iterations run (at least `iterations`, and at least
 * `durationMs` of measured time); each iteration runs one query through runQuery, which classifies it, and
 * hands tinybench the measured duration as `overriddenDuration` so both agree on every sample. The latency
 * distribution is built from ok outcomes only: tinybench keeps one sorted array of every sample, which
 * cannot tell an error from a success, so its statistics are not reported.
 */
import { Bench } from 'tinybench';
import { VecstageError } from '../../errors.js';
import { describe } from './measured-set.js';
import { resolveLength, resolveRunnerOptions, type RunnerOptions } from './options.js';
import { Deadlines } from './deadlines.js';
import { runQuery } from './outcome.js';
import { Tally } from './tally.js';
import type { PassResult, QueryFn } from './types.js';
import { runWarmup } from './warmup.js';

export interface SerialOptions extends RunnerOptions {
  /** minimum measured requests; @default 1000 (tinybench's default of 64 leaves p99 to a single sample) */
  iterations?: number;
  /** minimum measured time; @default 0 */
  durationMs?: number;
}

export async function runSerial(query: QueryFn, options: SerialOptions): Promise<PassResult> {
  const where = 'serial pass';
  const o = resolveRunnerOptions(options, where);
  const len = resolveLength(options.iterations, options.durationMs, { requests: 1000 }, where, 'iterations');
  const clock = o.clock;
  const warmup = await runWarmup(query, o);

  const tally = new Tally();
  let next = 0;
  let first = Infinity;
  let last = -Infinity;
  const bench = new Bench({
    now: () => clock.now(),
    iterations: Number.isFinite(len.requests) ? len.requests : 1,
    time: Number.isFinite(len.durationMs) ? len.durationMs : 0,
    warmup: false,
    throws: false,
    retainSamples: false,
  });
  bench.add(
    'serial',
    async () => {
      const start = clock.now();
      if (start < first) first = start;
      const out = await runQuery(query, next++ % o.queryCount, clock, o.timeoutMs, start, deadlines);
      tally.add(out);
      last = start + out.latencyMs;
      return { overriddenDuration: out.latencyMs };
    },
    { async: true },
  );
  const deadlines = new Deadlines(clock, o.timeoutMs);
  let task;
  try {
    [task] = await bench.run();
  } finally {
    deadlines.close();
  }
  if (!task || task.result.state !== 'completed') {
    const state = task?.result.state;
    // runQuery never throws, so this is a harness bug or an abort, not a query failure
    const cause = task && task.result.state === 'errored' ? task.result.error : undefined;
    throw new VecstageError('INTERNAL', `serial pass: tinybench ended in state ${String(state)}`, { cause });
  }
  if (task.runs !== tally.requests) {
    throw new VecstageError('INTERNAL', `serial pass: tinybench ran ${task.runs} iterations but ${tally.requests} requests were counted`);
  }
  const wallMs = tally.requests > 0 ? last - first : 0;
  // raw ok latencies in completion order, kept so a later comparison can bootstrap percentile differences
  return { kind: 'serial', timer: 'tinybench', warmup, ...describe(tally, wallMs, o.describe), samplesMs: [...tally.okLatencies] };
}
