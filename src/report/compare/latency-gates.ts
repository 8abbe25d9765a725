import { bootstrapQuantileDiff, quantile, sortSamples } from '../../bench/latency/index.js';
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
  const out: GateResult[] = [];
  for (const gate of LATENCY_GATES) {
    const threshold = g[gate.key];
    if (threshold === null) continue;
    if (base.length === 0 || cand.length === 0) {
      skip(gate.name, gate.metric, `no serial latency samples in the ${base.length === 0 ? 'baseline' : 'candidate'}`);
      continue;
    }
    const diff = bootstrapQuantileDiff(base, cand, gate.q, { resamples: g.resamples, confidence: g.confidence, seed: `${g.seed}:${gate.metric}` });
    out.push(
      gateResult({
        name: gate.name,
        metric: gate.metric,
        better: 'lower',
        baseline: quantile(base, gate.q),
        candidate: quantile(cand, gate.q),
        ci: diff.ci,
        threshold,
        thresholdKind: 'relative',
        unit: 'ms',
        detail: `serial pass, ${base.length} vs ${cand.length} samples`,
      }),
    );
  }
  return out;
}
