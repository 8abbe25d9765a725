/**
 * Types of the latency harness (DESIGN §5). Every result is a plain JSON-able object so it can go into
 * report.json as is. Times are milliseconds (sub-ms precision) unless a name says otherwise.
 */

/**
 * One query against the system under test. `i` is the query index the runner picked (0 <= i < queryCount);
 * the fn maps it to a golden query. `signal` aborts when the per-request timeout fires.
 *
 * Retries the fn made internally are reported by returning (or throwing) an object with a numeric `retries`
 * field; they are counted apart from the latency.
 */
export type QueryFn = (i: number, signal: AbortSignal) => Promise<unknown>;

/** Time source and timers, injectable so tests can run on virtual time. */
export interface Clock {
  /** milliseconds with sub-ms precision, monotonic */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Runs fn on the next event-loop turn, after pending I/O. When present, the open-loop runner wakes a little
   * before each intended start and polls with it, because timers have millisecond granularity.
   */
  setImmediate?(fn: () => void): void;
}

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** How one request ended. */
export type OutcomeKind = 'ok' | 'error' | 'timeout';

export interface Outcome {
  kind: OutcomeKind;
  /** time from the request's reference start to its completion (or to the timeout) */
  latencyMs: number;
  /** retries the query fn reported (0 when none) */
  retries: number;
  /** error message, for kind 'error' */
  message?: string;
}

/** A two-sided confidence interval. */
export interface Interval {
  lo: number;
  hi: number;
}

export type PercentileName = 'p50' | 'p90' | 'p95' | 'p99' | 'p999';

/** Summary of the latencies of successful requests only (errors and timeouts are never in here). */
export interface LatencyStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** sample standard deviation (divisor n - 1; 0 for a single sample) */
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  /** bootstrap confidence intervals of the percentiles (percentile method), when requested */
  ci?: BootstrapCi;
}

export interface BootstrapCi {
  confidence: number;
  resamples: number;
  seed: string;
  intervals: Record<PercentileName, Interval>;
}

/** One log-spaced histogram bucket: [lo, hi). */
export interface HistogramBucket {
  lo: number;
  hi: number;
  count: number;
}

/** One point of the empirical CDF: the fraction of samples <= value. */
export interface CdfPoint {
  value: number;
  p: number;
}

/** Counts of everything that happened; errors, timeouts, drops and retries are counted apart. */
export interface OutcomeCounts {
  /** requests started (ok + errors + timeouts) */
  requests: number;
  ok: number;
  errors: number;
  timeouts: number;
  /** open loop only: requests not sent because the outstanding cap was reached */
  dropped: number;
  /** total retries reported by the query fn */
  retries: number;
  /** requests that reported at least one retry */
  retriedRequests: number;
  /** up to 10 distinct error messages with their counts */
  errorMessages: Record<string, number>;
}

/** Counts, latency and charts for one measured set of requests. */
export interface MeasuredSet {
  counts: OutcomeCounts;
  /** from the first request's start to the last completion */
  wallMs: number;
  /** completed requests (ok) per second of wall time */
  qps: number;
  latency: LatencyStats | null;
  histogram: HistogramBucket[];
  cdf: CdfPoint[];
}

export interface WarmupResult {
  requests: number;
  ok: number;
  errors: number;
  timeouts: number;
  durationMs: number;
}

/** The serial pass: one client, timed by tinybench. */
export interface PassResult extends MeasuredSet {
  kind: 'serial';
  timer: string;
  warmup: WarmupResult;
  /** latencies of the ok requests, in completion order (for bootstrapping differences against a baseline) */
  samplesMs: number[];
}

export interface SweepLevelResult extends MeasuredSet {
  concurrency: number;
}

/** The closed-loop concurrency sweep. */
export interface SweepResult {
  kind: 'closed-loop';
  warmup: WarmupResult;
  levels: SweepLevelResult[];
}

/** The open-loop target-rate pass; latency is measured from each request's intended start. */
export interface OpenLoopResult extends MeasuredSet {
  kind: 'open-loop';
  arrival: 'constant' | 'poisson';
  targetRate: number;
  /** requests sent (ok + errors + timeouts) per second of the schedule's span */
  sentRate: number;
  /** ok requests per second of wall time (same as qps) */
  achievedRate: number;
  /** requests the schedule held */
  scheduled: number;
  maxOutstanding: number;
  /** how late requests were sent relative to their intended start (client-side lag), all sent requests */
  sendLag: LatencyStats | null;
  warmup: WarmupResult;
}
