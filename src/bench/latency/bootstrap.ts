/**
 * Bootstrap confidence intervals for percentiles (Efron & Tibshirani 1993, the percentile method): draw B
 * resamples of size n with replacement, compute the percentile of each, and take the (1-c)/2 and (1+c)/2
 * quantiles of those B values as the interval.
 *
 * Resampling from sorted data needs no sort: draw n indices, count how often each index was drawn, and walk the
 * counts in index order, which is the resample's sorted order. O(n) per resample, all percentiles in one walk.
 */
import { invalid } from '../../errors.js';
import { quantile } from './quantile.js';
import { seededRng } from './rng.js';
import type { Interval, Rng } from './types.js';

export interface BootstrapOptions {
  /** number of resamples B; @default 1000 */
  resamples?: number;
  /** confidence level of the two-sided interval; @default 0.95 */
  confidence?: number;
  /** seed of the resampling RNG; @default "vecstage" */
  seed?: string;
  /** overrides `seed` (tests) */
  rng?: Rng;
}

interface ResolvedBootstrap {
  resamples: number;
  confidence: number;
  seed: string;
  rng: Rng;
}

export function resolveBootstrap(options: BootstrapOptions = {}): ResolvedBootstrap {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 'vecstage';
  if (!Number.isInteger(resamples) || resamples < 1) throw invalid('resamples', resamples, 'an integer >= 1', 'bootstrap');
  if (!(confidence > 0 && confidence < 1)) throw invalid('confidence', confidence, 'a number in (0, 1)', 'bootstrap');
  return { resamples, confidence, seed, rng: options.rng ?? seededRng(seed) };
}

/**
 * Draws `B` resamples of `sorted` and returns, for each quantile in `qs`, the B resampled quantiles in draw
 * order (unsorted, so the b-th values of two calls form an independent pair).
 * Each resample's quantiles use the R-7 definition of ./quantile.ts.
 */
export function bootstrapDistributions(sorted: ArrayLike<number>, qs: readonly number[], B: number, rng: Rng): Float64Array[] {
  const n = sorted.length;
  if (n === 0) throw invalid('samples', '[]', 'at least one sample', 'bootstrap');
  const out = qs.map(() => new Float64Array(B));
  const counts = new Uint32Array(n);
  // the order statistics each quantile needs: ranks floor(h) and floor(h) + 1 with h = (n - 1) q
  const ranks = qs.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    return { lo, hi: Math.min(lo + 1, n - 1), frac: h - lo };
  });
  const wanted = [...new Set(ranks.flatMap((r) => [r.lo, r.hi]))].sort((a, b) => a - b);
  const valueAt = new Map<number, number>();
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) (counts[Math.floor(rng() * n)] as number)++;
    // walk counts in index order: the cumulative count tells which original index holds each rank
    let cum = 0;
    let w = 0;
    for (let idx = 0; idx < n && w < wanted.length; idx++) {
      cum += counts[idx] as number;
      while (w < wanted.length && (wanted[w] as number) < cum) {
        valueAt.set(wanted[w] as number, sorted[idx] as number);
        w++;
      }
    }
    for (let j = 0; j < ranks.length; j++) {
      const r = ranks[j]!;
      const a = valueAt.get(r.lo) as number;
      const c = valueAt.get(r.hi) as number;
      out[j]![b] = a + r.frac * (c - a);
    }
  }
  return out;
}

/** Percentile-method interval of sorted bootstrap values. */
export function percentileInterval(sortedStats: ArrayLike<number>, confidence: number): Interval {
  const alpha = (1 - confidence) / 2;
  return { lo: quantile(sortedStats, alpha), hi: quantile(sortedStats, 1 - alpha) };
}

/** Bootstrap confidence intervals of several quantiles of one sample. */
export function bootstrapQuantiles(sorted: ArrayLike<number>, qs: readonly number[], options: BootstrapOptions = {}): Interval[] {
  const o = resolveBootstrap(options);
  return bootstrapDistributions(sorted, qs, o.resamples, o.rng).map((d) => percentileInterval(d.sort(), o.confidence));
}

export interface QuantileDiffResult {
  /** the quantile, e.g. 0.95 */
  q: number;
  /** Q_candidate - Q_baseline on the observed samples */
  estimate: number;
  ci: Interval;
  confidence: number;
  resamples: number;
  seed: string;
  /** true when the interval excludes zero */
  significant: boolean;
}

/**
 * Bootstrap interval of the difference of a quantile between two independent samples (candidate minus
 * baseline), for baseline comparison: each sample is resampled independently, B times, with one RNG stream.
 */
export function bootstrapQuantileDiff(
  baseline: ArrayLike<number>,
  candidate: ArrayLike<number>,
  q: number,
  options: BootstrapOptions = {},
): QuantileDiffResult {
  const o = resolveBootstrap(options);
  const base = bootstrapDistributions(baseline, [q], o.resamples, o.rng)[0]!;
  const cand = bootstrapDistributions(candidate, [q], o.resamples, o.rng)[0]!;
  const diffs = new Float64Array(o.resamples);
  for (let b = 0; b < o.resamples; b++) diffs[b] = (cand[b] as number) - (base[b] as number);
  diffs.sort();
  const ci = percentileInterval(diffs, o.confidence);
  return {
    q,
    estimate: quantile(candidate, q) - quantile(baseline, q),
    ci,
    confidence: o.confidence,
    resamples: o.resamples,
    seed: o.seed,
    significant: ci.lo > 0 || ci.hi < 0,
  };
}
