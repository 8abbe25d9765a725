import { bootstrapDistributions, percentileInterval, resolveBootstrap, type BootstrapOptions } from './bootstrap.js';
import { cdfPoints } from './cdf.js';
import { logHistogram } from './histogram.js';
import { sortSamples } from './quantile.js';
import { PERCENTILES, summarize } from './summary.js';
import type { Interval, LatencyStats, MeasuredSet, PercentileName } from './types.js';
import type { Tally } from './tally.js';

export interface DescribeOptions {
  /** bootstrap settings for the percentile intervals, or false for none */
  bootstrap: BootstrapOptions | false;
  bucketsPerDecade: number;
  cdfPoints: number;
}

/** Latency summary of samples, with bootstrap intervals of its percentiles unless `bootstrap` is false. */
export function describeLatency(samples: ArrayLike<number>, bootstrap: BootstrapOptions | false): LatencyStats | null {
  const sorted = sortSamples(samples);
  const stats = summarize(sorted);
  if (!stats || bootstrap === false) return stats;
  const o = resolveBootstrap(bootstrap);
  const dists = bootstrapDistributions(
    sorted,
    PERCENTILES.map(([, q]) => q),
    o.resamples,
    o.rng,
  );
  const intervals = {} as Record<PercentileName, Interval>;
  PERCENTILES.forEach(([name], j) => {
    intervals[name] = percentileInterval(dists[j]!.sort(), o.confidence);
  });
  stats.ci = { confidence: o.confidence, resamples: o.resamples, seed: o.seed, intervals };
  return stats;
}

/** Turns a tally and its wall time into the JSON-able counts, latency stats and chart data of a result. */
export function describe(tally: Tally, wallMs: number, options: DescribeOptions): MeasuredSet {
  const sorted = sortSamples(tally.okLatencies);
  const ok = sorted.length;
  return {
    counts: tally.counts(),
    wallMs,
    qps: wallMs > 0 ? (ok * 1000) / wallMs : 0,
    latency: describeLatency(sorted, options.bootstrap),
    histogram: logHistogram(sorted, { bucketsPerDecade: options.bucketsPerDecade }),
    cdf: cdfPoints(sorted, options.cdfPoints),
  };
}
