import type { Interval } from '../../bench/latency/types.js';
import type { GateMetric, GateResult } from '../types.js';

export interface GateInput {
  name: string;
  metric: GateMetric;
  better: 'lower' | 'higher';
  baseline: number;
  candidate: number;
  ci: Interval | null;
  threshold: number;
  thresholdKind: 'relative' | 'absolute';
  /** what the numbers are, for the note, e.g. "ms" */
  unit: string;
  /** extra context for the note, e.g. "40 paired queries" */
  detail?: string;
}

/**
 * The one regression rule (DESIGN §6): a gate fails only when the worsening exceeds its threshold AND the
 * confidence interval of the change excludes zero on the worse side. Without an interval the point estimate
 * decides, and the note says so.
 */
export function gateResult(g: GateInput): GateResult {
  const delta = g.candidate - g.baseline;
  const relative = g.baseline !== 0 ? delta / g.baseline : null;
  const sign = g.better === 'lower' ? 1 : -1;
  const worsening = g.thresholdKind === 'relative' ? (relative === null ? (delta * sign > 0 ? Infinity : 0) : relative * sign) : delta * sign;
  const exceeds = worsening > g.threshold;
  const significant = g.ci === null ? true : sign > 0 ? g.ci.lo > 0 : g.ci.hi < 0;
  const regression = exceeds && significant;
  const change = g.thresholdKind === 'relative' && relative !== null ? `${signed(relative * 100, 1)}%` : `${signed(delta, 4)}${g.unit ? ` ${g.unit}` : ''}`;
  const gate = g.thresholdKind === 'relative' ? `${round(g.threshold * 100, 2)}%` : `${round(g.threshold, 4)}`;
  const ci = g.ci ? `CI of the change [${signed(g.ci.lo, 4)}, ${signed(g.ci.hi, 4)}]${g.unit ? ` ${g.unit}` : ''}` : 'no CI';
  const why = regression
    ? g.ci
      ? 'worse than the gate and the CI excludes 0: regression'
      : 'worse than the gate (no CI; the point estimate decides): regression'
    : exceeds
      ? 'worse than the gate, but the CI includes 0: not significant'
      : 'within the gate';
  return {
    name: g.name,
    metric: g.metric,
    better: g.better,
    baseline: g.baseline,
    candidate: g.candidate,
    delta,
    relative,
    ci: g.ci,
    threshold: g.threshold,
    thresholdKind: g.thresholdKind,
    regression,
    note: `${change} (gate ${gate}); ${ci}${g.detail ? `; ${g.detail}` : ''}; ${why}`,
  };
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

function signed(x: number, digits: number): string {
  const r = round(x, digits);
  return r > 0 ? `+${r}` : `${r}`;
}
