import type { HistogramBucket, MeasuredSet, OpenLoopResult } from '../../bench/latency/types.js';
import { firstCutoff } from '../summary.js';
import type { QualityGroup, Report } from '../types.js';

/** One Chart.js configuration as plain JSON; the page script adds the shared defaults and draws it. */
export interface ChartSpec {
  id: string;
  type: 'line' | 'bar' | 'scatter';
  data: { labels?: Array<string | number>; datasets: Array<Record<string, unknown>> };
  options: Record<string, unknown>;
}

const BLUE = '#2563eb';
const GREY = '#9ca3af';
const ORANGE = '#ea580c';
const RED = '#dc2626';
const GREEN = '#16a34a';

const axis = (title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ title: { display: true, text: title }, ...extra });

/** Every chart of a report, in page order; charts whose data is absent are left out. */
export function chartSpecs(report: Report, baseline?: Report): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const serial = report.latency.serial;
  if (serial.cdf.length) specs.push(cdfChart(serial, baseline?.latency.serial));
  if (serial.histogram.length) specs.push(histogramChart(serial.histogram, baseline?.latency.serial.histogram));
  if (report.latency.sweep.levels.length) specs.push(sweepChart(report, baseline));
  const rates = openLoopRates(report);
  if (rates.length) specs.push(openLoopChart(rates));
  const cut = firstCutoff(report);
  if (report.quality.byTag.length) specs.push(groupChart('chart-by-tag', report.quality.byTag, cut));
  if (report.quality.byStratum.length) specs.push(groupChart('chart-by-stratum', report.quality.byStratum, cut));
  return specs;
}

export function openLoopRates(report: Report): OpenLoopResult[] {
  const rates = report.latency.openLoopRates ?? (report.latency.openLoop ? [report.latency.openLoop] : []);
  return [...rates].sort((a, b) => a.targetRate - b.targetRate);
}

function cdfChart(serial: MeasuredSet, base?: MeasuredSet): ChartSpec {
  const line = (label: string, set: MeasuredSet, color: string, dashed: boolean): Record<string, unknown> => ({
    label,
    data: set.cdf.map((p) => ({ x: p.value, y: p.p })),
    borderColor: color,
    backgroundColor: color,
    showLine: true,
    stepped: 'after',
    pointRadius: 0,
    borderWidth: 2,
    ...(dashed ? { borderDash: [6, 4] } : {}),
  });
  return {
    id: 'chart-cdf',
    type: 'scatter',
    data: { datasets: [line('this run', serial, BLUE, false), ...(base ? [line('baseline', base, GREY, true)] : [])] },
    options: { scales: { x: axis('latency (ms, log scale)', { type: 'logarithmic' }), y: axis('fraction of requests ≤ latency', { min: 0, max: 1 }) } },
  };
}

function histogramChart(buckets: HistogramBucket[], base?: HistogramBucket[]): ChartSpec {
  // log-spaced buckets share edges across runs (aligned to powers of ten), so a baseline overlays bucket by bucket
  const los = [...new Set([...buckets, ...(base ?? [])].map((b) => b.lo))].sort((a, b) => a - b);
  const his = new Map([...(base ?? []), ...buckets].map((b) => [b.lo, b.hi]));
  const countsAt = (bs: HistogramBucket[]): number[] => los.map((lo) => bs.find((b) => b.lo === lo)?.count ?? 0);
  return {
    id: 'chart-histogram',
    type: 'bar',
    data: {
      labels: los.map((lo) => `${short(lo)}–${short(his.get(lo) ?? lo)}`),
      datasets: [
        { label: 'this run', data: countsAt(buckets), backgroundColor: BLUE },
        ...(base ? [{ label: 'baseline', data: countsAt(base), backgroundColor: GREY }] : []),
      ],
    },
    options: { scales: { x: axis('latency bucket (ms)'), y: axis('requests', { beginAtZero: true }) } },
  };
}

function sweepChart(report: Report, baseline?: Report): ChartSpec {
  const levels = report.latency.sweep.levels;
  const byC = (r: Report, f: (l: (typeof levels)[number]) => number | null): Array<number | null> =>
    levels.map((l) => {
      const m = r.latency.sweep.levels.find((x) => x.concurrency === l.concurrency);
      return m ? f(m) : null;
    });
  const datasets: Array<Record<string, unknown>> = [
    { label: 'QPS', data: levels.map((l) => l.qps), borderColor: BLUE, backgroundColor: BLUE, yAxisID: 'y' },
    { label: 'p95 (ms)', data: levels.map((l) => l.latency?.p95 ?? null), borderColor: ORANGE, backgroundColor: ORANGE, yAxisID: 'y1' },
  ];
  if (baseline) {
    datasets.push(
      { label: 'baseline QPS', data: byC(baseline, (l) => l.qps), borderColor: GREY, backgroundColor: GREY, borderDash: [6, 4], yAxisID: 'y' },
      { label: 'baseline p95 (ms)', data: byC(baseline, (l) => l.latency?.p95 ?? null), borderColor: GREY, backgroundColor: GREY, borderDash: [2, 3], yAxisID: 'y1' },
    );
  }
  return {
    id: 'chart-sweep',
    type: 'line',
    data: { labels: levels.map((l) => l.concurrency), datasets },
    options: {
      scales: {
        x: axis('concurrent clients'),
        y: axis('QPS', { beginAtZero: true, position: 'left' }),
        y1: axis('p95 latency (ms)', { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }),
      },
    },
  };
}

function openLoopChart(rates: OpenLoopResult[]): ChartSpec {
  const series = (label: string, pick: (r: OpenLoopResult) => number | undefined, color: string): Record<string, unknown> => ({
    label,
    data: rates.map((r) => ({ x: r.targetRate, y: pick(r) ?? null })),
    borderColor: color,
    backgroundColor: color,
    showLine: rates.length > 1,
    pointRadius: 5,
  });
  return {
    id: 'chart-open-loop',
    type: 'scatter',
    data: {
      datasets: [
        series('p50', (r) => r.latency?.p50, BLUE),
        series('p95', (r) => r.latency?.p95, ORANGE),
        series('p99', (r) => r.latency?.p99, RED),
      ],
    },
    options: {
      scales: {
        x: axis('intended rate (requests/s)', { beginAtZero: true, suggestedMax: Math.max(...rates.map((r) => r.targetRate)) * 1.2 }),
        y: axis('latency from intended start (ms)', { beginAtZero: true }),
      },
    },
  };
}

function groupChart(id: string, groups: QualityGroup[], cut: string): ChartSpec {
  return {
    id,
    type: 'bar',
    data: {
      labels: groups.map((g) => g.name),
      datasets: [
        { label: `recall@${cut}`, data: groups.map((g) => g.recall[cut] ?? null), backgroundColor: BLUE },
        { label: `nDCG@${cut}`, data: groups.map((g) => g.ndcg[cut] ?? null), backgroundColor: GREEN },
      ],
    },
    options: { scales: { y: axis('score', { min: 0, max: 1 }) } },
  };
}

function short(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
