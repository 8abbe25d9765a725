import { num } from '../../format.js';
import { firstCutoff } from '../../summary.js';
import type { QualityGroup, Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

export function qualitySection(report: Report): SafeHtml {
  const q = report.quality;
  const cut = firstCutoff(report);
  const cutoffs = Object.keys(q.recall);
  return html`<section id="quality">
<h2>Quality</h2>
<p class="muted">${q.queries} queries scored, ${q.errored} errored. Recall is index fidelity (tie-aware, vs exact ground truth). ${q.relevance ? `nDCG and the relevance measures follow trec_eval over the ${q.relevanceQueries} queries with qrels.` : 'No qrels: task-relevance measures (nDCG, MRR, P@k) were not computed.'}</p>
<table id="quality-overall"><thead><tr><th>measure</th><th class="num">mean</th><th class="num">p10</th><th class="num">p50</th><th class="num">p90</th></tr></thead><tbody>
${cutoffs.map((c) => {
  const d = q.recallDistribution[c];
  return html`<tr><td>recall@${c}</td><td class="num">${num(q.recall[c])}</td><td class="num">${num(d?.p10)}</td><td class="num">${num(d?.p50)}</td><td class="num">${num(d?.p90)}</td></tr>`;
})}
${Object.entries(q.relevance ?? {}).map(([k, v]) => html`<tr><td>${k}</td><td class="num">${num(v)}</td><td></td><td></td><td></td></tr>`)}
</tbody></table>
<div class="grid2">
<div><h3>By tag</h3><div class="chart"><canvas id="chart-by-tag" role="img" aria-label="recall and nDCG by tag"></canvas></div>${groupTable('by-tag', 'tag', q.byTag, cut)}</div>
<div><h3>By stratum</h3><div class="chart"><canvas id="chart-by-stratum" role="img" aria-label="recall and nDCG by stratum"></canvas></div>${groupTable('by-stratum', 'stratum', q.byStratum, cut)}</div>
</div>
</section>`;
}

function groupTable(id: string, what: string, groups: QualityGroup[], cut: string): SafeHtml {
  if (!groups.length) return html`<p class="muted">No ${what}s in this run.</p>`;
  const weighted = groups.some((g) => g.weightedRecall);
  return html`<table class="sortable" id="${id}"><thead><tr><th>${what}</th><th class="num" data-type="number">queries</th><th class="num" data-type="number">recall@${cut}</th>${weighted ? html`<th class="num" data-type="number">weighted recall@${cut}</th>` : ''}<th class="num" data-type="number">nDCG@${cut}</th></tr></thead>
<tbody>${groups.map(
    (g) =>
      html`<tr><td>${g.name}</td><td class="num">${g.queries}</td><td class="num" data-v="${g.recall[cut] ?? ''}">${num(g.recall[cut])}</td>${weighted ? html`<td class="num">${num(g.weightedRecall?.[cut])}</td>` : ''}<td class="num" data-v="${g.ndcg[cut] ?? ''}">${num(g.ndcg[cut])}</td></tr>`,
  )}</tbody></table>`;
}
