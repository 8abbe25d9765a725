import { bootstrapDistributions, percentileInterval, quantile, seededRng, sortSamples } from '../../bench/latency/index.js';
import type { GateMetric, GateResult, Report } from '../types.js';
import { gateResult } from './gate-result.js';
import type { ResolvedGates } from './gate-options.js';

const LATENCY_GATES: ReadonlyArray<{ metric: GateMetric; name: string; q: number; key: 'maxP50Regression' | 'maxP95Regression' | 'maxP99Regression' }> = [
  { metric: 'latency_p50', name: 'latency p50', q: 0.5, key: 'maxP50Regression' },
  { metric: 'latency_p95', name: 'latency p95', q: 0.95, key: 'maxP95Regression' },
  { metric: 'latency_p99', name: 'latency p99', q: 0.99, key: 'maxP99Regression' },
];

/**
 * Serial-pass percentiles, gated on the relative change. The interval is a bootstrap of the percentile
 * difference, each run's samplesMs resampled independently (they are different requests), seeded per gate.
 */
export function latencyGates(
  baseline: Report,
  candidate: Report,
  g: ResolvedGates,
  skip: (name: string, metric: GateMetric, reason: string) => void,
): GateResult[] {
  const base = sortSamples(baseline.latency.serial.samplesMs);
  const cand = sortSamples(candidate.latency.serial.samplesMs);
  const gates = LATENCY_GATES.filter((gate) => g[gate.key] !== null);
  if (gates.length && (base.length === 0 || cand.length === 0)) {
    for (const gate of gates) skip(gate.name, gate.metric, `no serial latency samples in the ${base.length === 0 ? 'baseline' : 'candidate'}`);
    return [];
  }
  if (!gates.length) return [];
  // one resampling walk serves every percentile (bootstrapDistributions), so three gates cost one bootstrap;
  // the b-th resample of each run forms one pair, and the runs are resampled independently
  const rng = seededRng(`${g.seed}:latency`);
  const qs = gates.map((gate) => gate.q);
  const baseDist = bootstrapDistributions(base, qs, g.resamples, rng);
  const candDist = bootstrapDistributions(cand, qs, g.resamples, rng);
  const out: GateResult[] = [];
  gates.forEach((gate, j) => {
    const b = baseDist[j]!;
    const c = candDist[j]!;
    const diffs = new Float64Array(g.resamples);
    for (let k = 0; k < g.resamples; k++) diffs[k] = (c[k] as number) - (b[k] as number);
    out.push(
      gateResult({
        name: gate.name,
        metric: gate.metric,
        better: 'lower',
        baseline: quantile(base, gate.q),
        candidate: quantile(cand, gate.q),
        ci: percentileInterval(diffs.sort(), g.confidence),
        threshold: g[gate.key] as number,
        thresholdKind: 'relative',
        unit: 'ms',
        detail: `serial pass, ${base.length} vs ${cand.length} samples`,
      }),
    );
  });
  return out;
}
