import { invalid } from '../../errors.js';
import { mean, quantileSorted } from './quantile.js';
import { type Random, seededRandom } from './random.js';
import { studentTTwoSided } from './student-t.js';

export interface PairedOptions {
  /** bootstrap resamples. @default 10000 */
  resamples?: number;
  /** two-sided confidence level of the interval. @default 0.95 */
  confidence?: number;
  /** random permutations when n is above exactLimit. @default 10000 */
  permutations?: number;
  /** enumerate all 2^n sign flips up to this n. @default 16 */
  exactLimit?: number;
  /** @default seededRandom(1) */
  random?: Random;
}

export interface PairedResult {
  n: number;
  /** mean of candidate - baseline */
  meanDiff: number;
  /** percentile-bootstrap interval of meanDiff (R-7 quantiles of the resampled means) */
  ci: [number, number];
  confidence: number;
  /** paired sign-flip permutation test, two-sided: P(|mean of sign-flipped diffs| >= |meanDiff|) */
  permutationP: number;
  /** 'exact' (all 2^n flips) or 'monte-carlo' ((1 + hits) / (1 + permutations), Phipson & Smyth 2010) */
  permutationMethod: 'exact' | 'monte-carlo';
  /** paired t statistic and its two-sided p (NaN when n < 2; p = 1 when every difference is 0) */
  t: number;
  tP: number;
}

/**
 * Paired comparison of per-query values (candidate vs baseline, same query at the same index), for baseline
 * gating: a change is significant when the interval excludes 0 and p is small. Pure: randomness comes from
 * options.random, so a seed gives the same interval every run.
 */
export function comparePaired(baseline: readonly number[], candidate: readonly number[], options: PairedOptions = {}): PairedResult {
  if (baseline.length !== candidate.length) {
    throw invalid('paired values', `${baseline.length} baseline vs ${candidate.length} candidate`, 'the same number of values, one per query', 'comparePaired');
  }
  const n = baseline.length;
  if (n === 0) throw invalid('paired values', 'none', 'at least one query in both baseline and candidate', 'comparePaired');
  const diffs = candidate.map((c, i) => c - (baseline[i] ?? NaN));
  const random = options.random ?? seededRandom(1);
  const confidence = options.confidence ?? 0.95;
  const meanDiff = mean(diffs);
  return {
    n,
    meanDiff,
    ci: bootstrapMeanCi(diffs, options.resamples ?? 10000, confidence, random),
    confidence,
    ...signFlipP(diffs, options.exactLimit ?? 16, options.permutations ?? 10000, random),
    ...pairedT(diffs),
  };
}

export function bootstrapMeanCi(values: readonly number[], resamples: number, confidence: number, random: Random): [number, number] {
  const n = values.length;
  const means = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)] ?? 0;
    means[b] = sum / n;
  }
  means.sort((x, y) => x - y);
  const alpha = 1 - confidence;
  return [quantileSorted(means, alpha / 2), quantileSorted(means, 1 - alpha / 2)];
}

function signFlipP(diffs: readonly number[], exactLimit: number, permutations: number, random: Random): Pick<PairedResult, 'permutationP' | 'permutationMethod'> {
  const n = diffs.length;
  const observed = Math.abs(diffs.reduce((s, d) => s + d, 0));
  // compare sums, not means, with a relative epsilon so flips that tie the observed statistic count as extreme
  const eps = 1e-12 * Math.max(1, observed);
  if (n <= exactLimit) {
    const total = 2 ** n;
    let hits = 0;
    for (let mask = 0; mask < total; mask++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += mask & (1 << i) ? -(diffs[i] ?? 0) : (diffs[i] ?? 0);
      if (Math.abs(sum) >= observed - eps) hits++;
    }
    return { permutationP: hits / total, permutationMethod: 'exact' };
  }
  let hits = 0;
  for (let p = 0; p < permutations; p++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += random() < 0.5 ? -(diffs[i] ?? 0) : (diffs[i] ?? 0);
    if (Math.abs(sum) >= observed - eps) hits++;
  }
  return { permutationP: (1 + hits) / (1 + permutations), permutationMethod: 'monte-carlo' };
}

function pairedT(diffs: readonly number[]): Pick<PairedResult, 't' | 'tP'> {
  const n = diffs.length;
  if (n < 2) return { t: NaN, tP: NaN };
  const m = mean(diffs);
  const variance = diffs.reduce((s, d) => s + (d - m) ** 2, 0) / (n - 1);
  if (variance === 0) return m === 0 ? { t: 0, tP: 1 } : { t: m > 0 ? Infinity : -Infinity, tP: 0 };
  const t = m / Math.sqrt(variance / n);
  return { t, tP: studentTTwoSided(t, n - 1) };
}

/** Pairs per-query values by query id: only ids in both are compared; the others are listed (sorted). */
export function pairByQuery(
  baseline: ReadonlyMap<string, number>,
  candidate: ReadonlyMap<string, number>,
): { ids: string[]; baseline: number[]; candidate: number[]; onlyBaseline: string[]; onlyCandidate: string[] } {
  const ids = [...baseline.keys()].filter((id) => candidate.has(id)).sort();
  return {
    ids,
    baseline: ids.map((id) => baseline.get(id) ?? NaN),
    candidate: ids.map((id) => candidate.get(id) ?? NaN),
    onlyBaseline: [...baseline.keys()].filter((id) => !candidate.has(id)).sort(),
    onlyCandidate: [...candidate.keys()].filter((id) => !baseline.has(id)).sort(),
  };
}
