/**
 * The open-loop target-rate pass (DESIGN §5). Requests are scheduled at intended start times t0 + offset_i
 * (constant rate or Poisson) and sent whether or not earlier ones have finished. Each request's latency is
 * measured from its INTENDED start, not from when it was actually sent, so a stall of the client or the
 * service shows up in the latency of every request that should have started during it (no coordinated
 * omission, Tene). How late requests were actually sent is reported apart as `sendLag`.
 *
 * At most `maxOutstanding` requests are in flight; a request due while the cap is reached is not sent and is
 * counted as dropped (never silently skipped, never given a latency).
 */
import { invalid } from '../../errors.js';
import { arrivalOffsets, type ArrivalKind } from './arrivals.js';
import { describe, describeLatency } from './measured-set.js';
import { positiveInt, resolveLength, resolveRunnerOptions, type RunnerOptions } from './options.js';
import { Deadlines } from './deadlines.js';
import { runQuery } from './outcome.js';
import { seededRng } from './rng.js';
import { Tally } from './tally.js';
import type { OpenLoopResult, QueryFn } from './types.js';
import { runWarmup } from './warmup.js';

/**
 * How long before an intended start the runner stops sleeping on a timer and polls once per event-loop turn:
 * Node timers fire up to about a millisecond late, and that lateness would be added to every latency. Polling
 * is capped at a fifth of the mean gap between requests: a process that never sleeps is preempted by the OS
 * scheduler on a busy machine, which measured worse than timer lateness at 1000 requests/s and above.
 */
function spinWindowMs(rate: number): number {
  return Math.min(2, 200 / rate);
}

export interface OpenLoopOptions extends RunnerOptions {
  /** target rate, requests per second */
  rate: number;
  /** @default "constant" */
  arrival?: ArrivalKind;
  /** seed of the Poisson arrivals; @default "vecstage" */
  seed?: string;
  /** scheduled requests */
  requests?: number;
  /** schedule length; @default 10000 when `requests` is not given either */
  durationMs?: number;
  /** cap on requests in flight; @default 1000 */
  maxOutstanding?: number;
}

export async function runOpenLoop(query: QueryFn, options: OpenLoopOptions): Promise<OpenLoopResult> {
  const where = 'open-loop pass';
  const o = resolveRunnerOptions(options, where);
  const arrival = options.arrival ?? 'constant';
  if (arrival !== 'constant' && arrival !== 'poisson') throw invalid('arrival', arrival, 'constant, poisson', where);
  const maxOutstanding = positiveInt(options.maxOutstanding ?? 1000, 'maxOutstanding', where);
  const len = resolveLength(options.requests, options.durationMs, { durationMs: 10_000 }, where);
  const seed = options.seed ?? 'vecstage';
  const offsets = arrivalOffsets(arrival, options.rate, len, seededRng(seed));
  const warmup = await runWarmup(query, o);

  const { clock, queryCount, timeoutMs } = o;
  const tally = new Tally();
  const lags: number[] = [];
  let outstanding = 0;
  const t0 = clock.now();
  let last = t0;

  const deadlines = new Deadlines(clock, timeoutMs);
  const spin = spinWindowMs(options.rate);
  await new Promise<void>((resolve) => {
    let k = 0;
    const maybeDone = (): void => {
      if (k === offsets.length && outstanding === 0) resolve();
    };
    const send = (i: number, intended: number, now: number): void => {
      if (outstanding >= maxOutstanding) {
        tally.drop();
        return;
      }
      outstanding++;
      lags.push(now - intended);
      void runQuery(query, i % queryCount, clock, timeoutMs, intended, deadlines).then((out) => {
        outstanding--;
        tally.add(out);
        const end = intended + out.latencyMs;
        if (end > last) last = end;
        maybeDone();
      });
    };
    // one timer at a time, for the next due request; every request already due is sent on each tick, so a
    // late tick (a stalled event loop) sends the backlog at once, and their latencies count from intended starts
    const tick = (): void => {
      // the clock is read again after every send: a query fn that blocks makes more requests due
      let now = clock.now();
      while (k < offsets.length && t0 + (offsets[k] as number) <= now) {
        send(k, t0 + (offsets[k] as number), now);
        k++;
        now = clock.now();
      }
      if (k === offsets.length) return maybeDone();
      const wait = t0 + (offsets[k] as number) - now;
      if (wait > spin || !clock.setImmediate) clock.setTimeout(tick, Math.max(0, wait - (clock.setImmediate ? spin : 0)));
      else clock.setImmediate(tick);
    };
    tick();
  }).finally(() => deadlines.close());

  // the schedule's intended span: its duration, unless the request count ended it first
  const spanMs = offsets.length < len.requests && Number.isFinite(len.durationMs) ? len.durationMs : (offsets.length * 1000) / options.rate;
  const set = describe(tally, last - t0, o.describe);
  return {
    kind: 'open-loop',
    arrival,
    targetRate: options.rate,
    sentRate: spanMs > 0 ? (tally.requests * 1000) / spanMs : 0,
    achievedRate: set.qps,
    scheduled: offsets.length,
    maxOutstanding,
    sendLag: describeLatency(lags, false),
    warmup,
    ...set,
  };
}
