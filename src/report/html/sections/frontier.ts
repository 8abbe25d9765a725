/**
 * bench --sweep: the recall/QPS and recall/p95 frontiers (drawn by Chart.js like the report's other charts, from
 * the data block), every point in a table with its Pareto marks, the pick, and against a baseline the QPS at equal
 * recall. The table carries every number, so the section reads without JavaScript.
 */
import { ms, num } from '../../format.js';
import type { Comparison, FrontierPoint, Report } from '../../types.js';
import type { ChartSpec } from '../charts.js';
import { html, type SafeHtml } from '../html.js';

const BLUE = '#2563eb';
const GREY = '#9ca3af';
const RED = '#dc2626';

export function frontierSection(report: Report, c: Comparison | undefined): SafeHtml {
  const f = report.frontier;
  if (!f) return html``;
  const cut = String(f.cutoff);
  const hasNdcg = f.points.some((p) => p.ndcg[cut] !== undefined);
  const chosen = f.pick?.chosen ?? null;
  const primary = f.points[f.primary];
  return html`<section id="frontier">
<h2>Frontier: recall@${cut} vs throughput and latency over ${f.setting}</h2>
<p class="muted">${f.points.length} points; the index's own ${f.setting} is ${f.indexValue ?? 'unknown'} and was not changed. ${f.method}. QPS is closed-loop at ${f.concurrency} clients, latency the serial pass. Pareto-optimal points (no other point has both higher recall and higher QPS, or higher recall and lower p95) are joined by the line.</p>
${f.pick ? html`<p id="frontier-pick"><strong>pick</strong> <code>${f.pick.expression}</code>: ${f.pick.reason}${chosen !== null ? html` · settings <code>${settingsText(f.points[chosen]!)}</code>` : ''}</p>` : ''}
<p class="muted">The other sections of this report are the point ${settingsText(primary)}${chosen === null ? ' (the last of the sweep)' : ' (the picked one)'}.</p>
${f.notes.map((n) => html`<p class="warning">${n}</p>`)}
<div class="grid2">
<div class="chart"><canvas id="chart-frontier-qps" role="img" aria-label="recall vs QPS frontier"></canvas></div>
<div class="chart"><canvas id="chart-frontier-p95" role="img" aria-label="recall vs p95 frontier"></canvas></div>
</div>
<table id="frontier-table"><thead><tr><th class="num">${f.setting}</th><th class="num">recall@${cut}</th>${hasNdcg ? html`<th class="num">nDCG@${cut}</th>` : ''}<th class="num">QPS</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">errors</th><th>Pareto</th><th></th></tr></thead>
<tbody>${f.points.map(
    (p, i) =>
      html`<tr data-pareto-qps="${String(p.pareto.qps)}" data-pareto-p95="${String(p.pareto.p95)}"${i === chosen ? html` class="picked"` : ''}><td class="num">${p.settings[f.setting]}</td><td class="num">${num(p.recall[cut], 4)}</td>${hasNdcg ? html`<td class="num">${num(p.ndcg[cut], 4)}</td>` : ''}<td class="num">${num(p.qps)}</td><td class="num">${ms(p.serial?.p50)}</td><td class="num">${ms(p.serial?.p95)}</td><td class="num">${ms(p.serial?.p99)}</td><td class="num">${(p.errorRate * 100).toFixed(1)}%</td><td>${[p.pareto.qps ? 'QPS' : '', p.pareto.p95 ? 'p95' : ''].filter(Boolean).join(', ') || '–'}</td><td>${[i === chosen ? 'picked' : '', i === f.primary ? 'this report' : ''].filter(Boolean).join(', ')}</td></tr>`,
  )}</tbody></table>
${comparisonTable(c)}
</section>
`;
}

function comparisonTable(c: Comparison | undefined): SafeHtml {
  const fc = c?.frontier;
  if (!fc) return html``;
  return html`<h3>Against the baseline: QPS at equal recall@${fc.cutoff}</h3>
<p class="muted">baseline: ${fc.baseline}; this run: ${fc.candidate}. ${fc.note}.</p>
${fc.levels.length ? html`<table id="frontier-compare"><thead><tr><th class="num">recall@${fc.cutoff}</th><th class="num">baseline QPS</th><th class="num">this run QPS</th><th class="num">ratio</th></tr></thead><tbody>${fc.levels.map((l) => html`<tr><td class="num">${num(l.recall, 4)}</td><td class="num">${num(l.baseline)}</td><td class="num">${num(l.candidate)}</td><td class="num">×${num(l.ratio)}</td></tr>`)}</tbody></table>` : ''}`;
}

function settingsText(p: FrontierPoint | undefined): string {
  return p ? Object.entries(p.settings).map(([k, v]) => `${k}=${v}`).join(' ') : '–';
}

/** The two frontier charts: Pareto points joined, the others grey, the picked one red. */
export function frontierCharts(report: Report): ChartSpec[] {
  const f = report.frontier;
  if (!f) return [];
  const cut = String(f.cutoff);
  const chart = (id: string, y: (p: FrontierPoint) => number | null, onFront: (p: FrontierPoint) => boolean, yTitle: string): ChartSpec => {
    const xy = (p: FrontierPoint) => ({ x: p.recall[cut] ?? null, y: y(p), setting: p.settings[f.setting] });
    const front = f.points.filter(onFront).map(xy).sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
    const rest = f.points.filter((p) => !onFront(p)).map(xy);
    const picked = f.pick?.chosen != null ? [xy(f.points[f.pick.chosen]!)] : [];
    return {
      id,
      type: 'scatter',
      data: {
        datasets: [
          { label: 'Pareto-optimal', data: front, borderColor: BLUE, backgroundColor: BLUE, showLine: true, pointRadius: 5 },
          { label: 'dominated', data: rest, borderColor: GREY, backgroundColor: GREY, pointRadius: 4 },
          ...(picked.length ? [{ label: `picked (${f.setting}=${picked[0]!.setting})`, data: picked, borderColor: RED, backgroundColor: RED, pointStyle: 'star', pointRadius: 10 }] : []),
        ],
      },
      options: { scales: { x: { title: { display: true, text: `recall@${cut}` } }, y: { title: { display: true, text: yTitle }, beginAtZero: true } } },
    };
  };
  return [
    chart('chart-frontier-qps', (p) => p.qps, (p) => p.pareto.qps, `QPS (closed loop, ${f.concurrency} clients)`),
    chart('chart-frontier-p95', (p) => p.serial?.p95 ?? null, (p) => p.pareto.p95, 'p95 latency (ms, serial)'),
  ];
}
