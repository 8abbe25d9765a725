import { invalid } from '../../errors.js';

/**
 * Gates of a baseline comparison (DESIGN §6), user-facing: every field optional. A gate set to `null` is off.
 * Latency and QPS thresholds are relative (0.10 = 10% worse is allowed); quality and error-rate thresholds are
 * absolute (0.01 = one point of recall).
 */
export interface GateOptions {
  /** @default 0.10 */
  maxP50Regression?: number | null;
  /** @default 0.10 */
  maxP95Regression?: number | null;
  /** @default 0.15 */
  maxP99Regression?: number | null;
  /** QPS drop at the highest concurrency level both runs measured; @default 0.10 */
  maxQpsDrop?: number | null;
  /** recall@k, at the first cutoff both runs report; @default 0.01 */
  maxRecallDrop?: number | null;
  /** nDCG@k, at the first cutoff both runs report; @default 0.01 */
  maxNdcgDrop?: number | null;
  /** errors and timeouts per request, all latency passes together; @default 0.01 */
  maxErrorRateIncrease?: number | null;
  /** two-sided confidence level of every interval; @default 0.95 */
  confidence?: number;
  /** bootstrap resamples; @default 1000 */
  resamples?: number;
  /** seed of every resampling RNG, so a comparison is reproducible; @default "vecstage-compare" */
  seed?: string;
}

export interface ResolvedGates {
  maxP50Regression: number | null;
  maxP95Regression: number | null;
  maxP99Regression: number | null;
  maxQpsDrop: number | null;
  maxRecallDrop: number | null;
  maxNdcgDrop: number | null;
  maxErrorRateIncrease: number | null;
  confidence: number;
  resamples: number;
  seed: string;
}

export const DEFAULT_GATES: ResolvedGates = {
  maxP50Regression: 0.1,
  maxP95Regression: 0.1,
  maxP99Regression: 0.15,
  maxQpsDrop: 0.1,
  maxRecallDrop: 0.01,
  maxNdcgDrop: 0.01,
  maxErrorRateIncrease: 0.01,
  confidence: 0.95,
  resamples: 1000,
  seed: 'vecstage-compare',
};

const THRESHOLDS = [
  'maxP50Regression',
  'maxP95Regression',
  'maxP99Regression',
  'maxQpsDrop',
  'maxRecallDrop',
  'maxNdcgDrop',
  'maxErrorRateIncrease',
] as const;

export function resolveGates(options: GateOptions = {}): ResolvedGates {
  const out: ResolvedGates = { ...DEFAULT_GATES };
  for (const key of THRESHOLDS) {
    const v = options[key];
    if (v === undefined) continue;
    if (v !== null && !(Number.isFinite(v) && v >= 0)) throw invalid(key, v, 'a number >= 0, or null to turn the gate off', 'gates');
    out[key] = v;
  }
  if (options.confidence !== undefined) {
    if (!(options.confidence > 0 && options.confidence < 1)) throw invalid('confidence', options.confidence, 'a number in (0, 1)', 'gates');
    out.confidence = options.confidence;
  }
  if (options.resamples !== undefined) {
    if (!Number.isInteger(options.resamples) || options.resamples < 100) throw invalid('resamples', options.resamples, 'an integer >= 100', 'gates');
    out.resamples = options.resamples;
  }
  if (options.seed !== undefined) out.seed = options.seed;
  return out;
}

/**
 * Parses a threshold as written on the command line: "10%" or a fraction "0.1"; "off" turns the gate off.
 * A bare number of 1 or more is refused, because "10" is almost surely meant as 10%, and silently allowing a
 * 1000% regression would pass every run.
 */
export function parseThreshold(raw: string, where: string): number | null {
  const s = raw.trim();
  if (s === 'off' || s === 'none') return null;
  const allowed = 'a percentage like 10% or a fraction like 0.1 (below 1), or off';
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) return Number(pct[1]) / 100;
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw invalid(where, raw, allowed, undefined, 'USAGE');
  return n;
}

/** Command-line (and suite) names of the threshold gates, shared by `compare`, `bench --baseline` and suites. */
export const GATE_FLAGS: Readonly<Record<string, (typeof THRESHOLDS)[number]>> = {
  'max-p50-regression': 'maxP50Regression',
  'max-p95-regression': 'maxP95Regression',
  'max-p99-regression': 'maxP99Regression',
  'max-qps-drop': 'maxQpsDrop',
  'max-recall-drop': 'maxRecallDrop',
  'max-ndcg-drop': 'maxNdcgDrop',
  'max-error-rate-increase': 'maxErrorRateIncrease',
};

/** parseArgs option declarations for every gate flag. */
export const GATE_FLAG_OPTIONS = Object.fromEntries(Object.keys(GATE_FLAGS).map((flag) => [flag, { type: 'string' as const }]));

/** Threshold gates from flag values (strings like "10%" or "off"); flags not given are left out. */
export function gateThresholdsFrom(values: Readonly<Record<string, unknown>>): GateOptions {
  const out: GateOptions = {};
  for (const [flag, key] of Object.entries(GATE_FLAGS)) {
    const raw = values[flag];
    if (typeof raw === 'string') out[key] = parseThreshold(raw, `--${flag}`);
  }
  return out;
}
