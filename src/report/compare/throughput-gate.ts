import type { SweepLevelResult } from '../../bench/latency/types.js';
import { zFor } from '../stats/normal.js';
import type { GateMetric, GateResult, Report } from '../types.js';
import { gateResult } from './gate-result.js';
import type { ResolvedGates } from './gate-options.js';

/**
 * QPS at the highest concurrency level both runs measured. A report keeps no per-request samples for sweep
 * levels, so the interval comes from each level's latency mean and stddev: in a closed loop QPS = c / mean
 * latency (Little's law), so by the delta method se(QPS) = QPS * se(mean) / mean with se(mean) = sd / sqrt(n);
 * the difference's interval is normal with the two standard errors combined.
 */
export function throughputGate(
  baseline: Report,
  candidate: Report,
  g: ResolvedGates,
  skip: (name: string, metric: GateMetric, reason: string) => void,
): GateResult[] {
  if (g.maxQpsDrop === null) return [];
  const byC = (levels: SweepLevelResult[]): Map<number, SweepLevelResult> => new Map(levels.map((l) => [l.concurrency, l]));
  const b = byC(baseline.latency.sweep.levels);
  const c = byC(candidate.latency.sweep.levels);
  const common = [...b.keys()].filter((k) => c.has(k)).sort((x, y) => x - y);
  const level = common[common.length - 1];
  if (level === undefined) {
    skip('QPS', 'qps', 'no concurrency level measured in both runs');
    return [];
  }
  const lb = b.get(level)!;
  const lc = c.get(level)!;
  const se = (l: SweepLevelResult): number | null =>
    l.latency && l.latency.count > 1 && l.latency.mean > 0 ? (l.qps * l.latency.stddev) / Math.sqrt(l.latency.count) / l.latency.mean : null;
  const sb = se(lb);
  const sc = se(lc);
  const delta = lc.qps - lb.qps;
  const half = sb !== null && sc !== null ? zFor(g.confidence) * Math.sqrt(sb * sb + sc * sc) : null;
  return [
    gateResult({
      name: `QPS at ${level} client${level === 1 ? '' : 's'}`,
      metric: 'qps',
      better: 'higher',
      baseline: lb.qps,
      candidate: lc.qps,
      ci: half === null ? null : { lo: delta - half, hi: delta + half },
      threshold: g.maxQpsDrop,
      thresholdKind: 'relative',
      unit: 'req/s',
      detail: 'closed loop, CI by the delta method on mean latency',
    }),
  ];
}
