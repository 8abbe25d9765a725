import type { OutcomeCounts } from '../../bench/latency/types.js';
import { proportionDiffInterval } from '../stats/proportion-diff.js';
import type { GateResult, Report } from '../types.js';
import { gateResult } from './gate-result.js';
import type { ResolvedGates } from './gate-options.js';

/** Errors and timeouts per request over every measured latency pass, with a Newcombe interval of the change. */
export function errorRateGate(baseline: Report, candidate: Report, g: ResolvedGates): GateResult[] {
  if (g.maxErrorRateIncrease === null) return [];
  const b = failures(baseline);
  const c = failures(candidate);
  const rate = (x: { failed: number; requests: number }): number => (x.requests > 0 ? x.failed / x.requests : 0);
  return [
    gateResult({
      name: 'error rate',
      metric: 'error_rate',
      better: 'lower',
      baseline: rate(b),
      candidate: rate(c),
      ci: proportionDiffInterval(b.failed, b.requests, c.failed, c.requests, g.confidence),
      threshold: g.maxErrorRateIncrease,
      thresholdKind: 'absolute',
      unit: '',
      detail: `errors+timeouts ${b.failed}/${b.requests} vs ${c.failed}/${c.requests}`,
    }),
  ];
}

export function failures(r: Report): { failed: number; requests: number } {
  const sets: OutcomeCounts[] = [r.latency.serial.counts, ...r.latency.sweep.levels.map((l) => l.counts)];
  if (r.latency.openLoop) sets.push(r.latency.openLoop.counts);
  let failed = 0;
  let requests = 0;
  for (const s of sets) {
    failed += s.errors + s.timeouts;
    requests += s.requests;
  }
  return { failed, requests };
}
