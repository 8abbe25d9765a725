import type { LatencyStats, OpenLoopResult } from '../../../bench/latency/types.js';
import { ms, num, pct } from '../../format.js';
import type { Report } from '../../types.js';
import { openLoopRates } from '../charts.js';
import { html, type SafeHtml } from '../html.js';

const P = ['p50', 'p90', 'p95', 'p99', 'p999'] as const;

export function latencySection(report: Report): SafeHtml {
  const serial = report.latency.serial;
  const w = report.latency.warmup;
  return html`<section id="latency">
<h2>Latency (serial pass, one client)</h2>
<p class="muted">${serial.counts.requests} requests timed by ${serial.timer}; warm-up of ${w.requests} requests (${w.errors + w.timeouts} failed) excluded. Errors and timeouts are counted, never mixed into latencies.</p>
<div class="grid2">
<div class="chart"><canvas id="chart-cdf" role="img" aria-label="latency CDF"></canvas></div>
<div class="chart"><canvas id="chart-histogram" role="img" aria-label="latency histogram"></canvas></div>
</div>
${statsTable([['serial', serial.latency, serial.counts.ok, serial.counts.errors + serial.counts.timeouts]])}
${sweepSection(report)}
${openLoopSection(openLoopRates(report))}
</section>`;
}

function statsTable(rows: Array<[string, LatencyStats | null, number, number]>): SafeHtml {
  return html`<table><thead><tr><th>pass</th><th class="num">ok</th><th class="num">failed</th>${P.map((p) => html`<th class="num">${p === 'p999' ? 'p99.9' : p}</th>`)}<th class="num">max</th><th class="num">mean</th></tr></thead>
<tbody>${rows.map(
    ([name, s, ok, failed]) =>
      html`<tr><td>${name}</td><td class="num">${ok}</td><td class="num">${failed}</td>${P.map((p) => {
        const ci = s?.ci?.intervals[p];
        return html`<td class="num" title="${ci ? `${Math.round((s?.ci?.confidence ?? 0.95) * 100)}% CI ${num(ci.lo)}–${num(ci.hi)} ms` : ''}">${ms(s?.[p])}${ci ? html`<br><span class="muted">${num(ci.lo)}–${num(ci.hi)}</span>` : ''}</td>`;
      })}<td class="num">${ms(s?.max)}</td><td class="num">${ms(s?.mean)}</td></tr>`,
  )}</tbody></table>`;
}

function sweepSection(report: Report): SafeHtml {
  const levels = report.latency.sweep.levels;
  if (!levels.length) return html``;
  return html`<h3>Throughput vs concurrency (closed loop)</h3>
<div class="chart"><canvas id="chart-sweep" role="img" aria-label="QPS and p95 vs concurrency"></canvas></div>
<table id="sweep-table"><thead><tr><th class="num">clients</th><th class="num">QPS</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">errors</th><th class="num">timeouts</th><th class="num">retries</th></tr></thead>
<tbody>${levels.map(
    (l) =>
      html`<tr><td class="num">${l.concurrency}</td><td class="num">${num(l.qps)}</td><td class="num">${ms(l.latency?.p50)}</td><td class="num">${ms(l.latency?.p95)}</td><td class="num">${ms(l.latency?.p99)}</td><td class="num">${l.counts.errors}</td><td class="num">${l.counts.timeouts}</td><td class="num">${l.counts.retries}</td></tr>`,
  )}</tbody></table>`;
}

function openLoopSection(rates: OpenLoopResult[]): SafeHtml {
  if (!rates.length) return html`<h3>Open loop</h3><p class="muted">No open-loop pass in this run.</p>`;
  return html`<h3>Open loop: latency vs intended rate</h3>
<p class="muted">Latency is measured from each request's intended start, so queueing behind a slow request counts (no coordinated omission).</p>
<div class="chart"><canvas id="chart-open-loop" role="img" aria-label="latency vs intended rate"></canvas></div>
<table id="open-loop-table"><thead><tr><th class="num">target rate</th><th>arrivals</th><th class="num">sent rate</th><th class="num">achieved</th><th class="num">dropped</th><th class="num">errors</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">send lag p99</th></tr></thead>
<tbody>${rates.map(
    (r) =>
      html`<tr><td class="num">${num(r.targetRate)}/s</td><td>${r.arrival}</td><td class="num">${num(r.sentRate)}/s</td><td class="num">${num(r.achievedRate)}/s</td><td class="num">${r.counts.dropped} (${pct(r.scheduled ? r.counts.dropped / r.scheduled : 0)})</td><td class="num">${r.counts.errors + r.counts.timeouts}</td><td class="num">${ms(r.latency?.p50)}</td><td class="num">${ms(r.latency?.p95)}</td><td class="num">${ms(r.latency?.p99)}</td><td class="num">${ms(r.sendLag?.p99)}</td></tr>`,
  )}</tbody></table>`;
}
