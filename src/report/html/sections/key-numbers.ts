import { ms, num, pct } from '../../format.js';
import { firstCutoff, headline, maxQps } from '../../summary.js';
import type { Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

export function keyNumbers(report: Report): SafeHtml {
  const s = report.latency.serial.latency;
  const ci = s?.ci?.intervals;
  const q = maxQps(report);
  const cut = firstCutoff(report);
  const h = headline(report);
  const card = (label: string, value: string, sub = ''): SafeHtml =>
    html`<div class="card"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
  const range = (i?: { lo: number; hi: number }): string => (i ? `CI ${num(i.lo)}–${num(i.hi)} ms` : '');
  return html`<div class="cards" id="key-numbers">
${card('p50 latency', ms(s?.p50), range(ci?.p50))}
${card('p95 latency', ms(s?.p95), range(ci?.p95))}
${card('p99 latency', ms(s?.p99), range(ci?.p99))}
${card('max QPS', q ? num(q.qps) : '–', q ? `at ${q.concurrency} client${q.concurrency === 1 ? '' : 's'}` : '')}
${card(`recall@${cut}`, num(report.quality.recall[cut]), `${report.quality.queries} queries`)}
${card(`nDCG@${cut}`, num(h.ndcg), report.quality.relevance ? `${report.quality.relevanceQueries} with qrels` : 'no qrels')}
${card('error rate', pct(h.errorRate, 2), `${report.quality.errored} quer${report.quality.errored === 1 ? 'y' : 'ies'} errored in the quality pass`)}
</div>`;
}
