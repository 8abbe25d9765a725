import type { Comparison, GateMetric, Report } from '../types.js';
import { comparabilityWarnings } from './comparability.js';
import { errorRateGate } from './error-rate-gate.js';
import { type GateOptions, resolveGates } from './gate-options.js';
import { latencyGates } from './latency-gates.js';
import { qualityGates } from './quality-gates.js';
import { throughputGate } from './throughput-gate.js';
import { strategyComparison } from './strategy.js';
import { frontierComparison } from './frontier.js';

/**
 * Baseline vs candidate (DESIGN §6). Pure and deterministic: every interval is seeded from the gate options,
 * so the same two reports always give the same verdict.
 */
export function compare(baseline: Report, candidate: Report, gates: GateOptions = {}): Comparison {
  const g = resolveGates(gates);
  const skipped: NonNullable<Comparison['skipped']> = [];
  const skip = (name: string, metric: GateMetric, reason: string): void => {
    skipped.push({ name, metric, reason });
  };
  const results = [
    ...latencyGates(baseline, candidate, g, skip),
    ...throughputGate(baseline, candidate, g, skip),
    ...qualityGates(baseline, candidate, g, skip),
    ...errorRateGate(baseline, candidate, g),
  ];
  const warnings = comparabilityWarnings(baseline, candidate);
  const strategy = strategyComparison(baseline, candidate, g);
  const frontier = frontierComparison(baseline, candidate);
  const side = (r: Report): Comparison['baseline'] => ({ runId: r.runId, index: r.fingerprint.index.name, createdAt: r.createdAt });
  return {
    baseline: side(baseline),
    candidate: side(candidate),
    gates: results,
    status: results.some((r) => r.regression) ? 'regression' : 'pass',
    ...(skipped.length ? { skipped } : {}),
    confidence: g.confidence,
    ...(warnings.length ? { warnings } : {}),
    ...(strategy ? { strategy } : {}),
    ...(frontier ? { frontier } : {}),
  };
}
