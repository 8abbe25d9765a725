import type { GateResult } from './types.js';

/** A number with 3 significant digits, no exponent for everyday magnitudes: 0.0123, 4.56, 789, 12300. */
export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  if (abs < 1e-4) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

export function ms(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${num(x)} ms`;
}

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

export function signed(s: string, x: number): string {
  return x > 0 ? `+${s}` : s;
}

/** The change of a gate as a reader wants it: relative for latency/QPS, absolute points for quality. */
export function gateChange(g: GateResult): string {
  if (g.thresholdKind === 'relative' && g.relative !== null) return signed(pct(g.relative), g.relative);
  return signed(num(g.delta), g.delta);
}

export function gateValue(g: GateResult, x: number): string {
  if (g.metric.startsWith('latency')) return ms(x);
  if (g.metric === 'qps') return `${num(x)}/s`;
  if (g.metric === 'error_rate') return pct(x, 2);
  return num(x);
}

export function gateCi(g: GateResult): string {
  if (!g.ci) return 'n/a';
  const unit = g.metric.startsWith('latency') ? ' ms' : g.metric === 'qps' ? '/s' : '';
  if (g.metric === 'error_rate') return `[${signed(pct(g.ci.lo, 2), g.ci.lo)}, ${signed(pct(g.ci.hi, 2), g.ci.hi)}]`;
  return `[${signed(num(g.ci.lo), g.ci.lo)}, ${signed(num(g.ci.hi), g.ci.hi)}]${unit}`;
}

export function gateThreshold(g: GateResult): string {
  const word = g.better === 'lower' ? 'max +' : 'max −';
  return g.thresholdKind === 'relative' ? `${word}${pct(g.threshold, 0)}` : g.metric === 'error_rate' ? `${word}${pct(g.threshold, 1)}` : `${word}${num(g.threshold)}`;
}
