import { ms, num, pct } from '../../format.js';
import type { Report, SelectivityBand } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/**
 * Filtered workloads: quality and serial latency by how selective each golden query's filter is. Every band is
 * shown, empty ones too, so a reader sees which selectivities the golden set does not cover.
 */
export function selectivitySection(report: Report): SafeHtml {
  const s = report.selectivity;
  if (!s) return html``;
  const cutoffs = report.settings.cutoffs.map(String);
  const first = cutoffs[0] ?? String(s.k);
  const short = s.bands.reduce((a, b) => a + b.shortLists, 0);
  return html`<section id="selectivity">
<h2>Filtered search by selectivity</h2>
<p class="muted">Selectivity is the share of the ${s.rows} rows of the ${s.source === 'sample' ? 'sample' : "index's records"} that a query's filter passes, by the memory backend's filter definition (the one the exact ground truth uses). An edge belongs to the band below it (exactly 1% is ≤1%). Recall is tie-aware against the exact filtered truth; latency is the serial pass's${s.latencyFrom ? '' : ' (not available: its latencies could not be matched to queries)'}. A short list has fewer than min(k = ${s.k}, rows passing) results: it is never padded, and recall counts the missing results as misses.</p>
${short ? html`<p class="warning" id="selectivity-short">${short} quer${short === 1 ? 'y' : 'ies'} returned fewer results than the filter allows.</p>` : ''}
<table id="selectivity-bands"><thead><tr><th>band</th><th class="num">queries</th><th class="num">selectivity</th>${cutoffs.map((c) => html`<th class="num">recall@${c}</th>`)}<th class="num">nDCG@${first}</th><th class="num">short lists</th><th class="num">p50</th><th class="num">p95</th></tr></thead><tbody>
${s.bands.map((b) => bandRow(b, cutoffs, first))}
</tbody></table>
${s.queries.length ? html`<details><summary>${s.queries.length} filtered queries</summary>
<table class="sortable" id="selectivity-queries"><thead><tr><th>query</th><th>band</th><th class="num" data-type="number">selectivity</th><th class="num" data-type="number">rows passing</th><th class="num" data-type="number">returned</th></tr></thead><tbody>
${s.queries.map((q) => html`<tr${q.short ? html` class="bad"` : ''}><td>${q.id}</td><td>${q.band}</td><td class="num" data-v="${q.selectivity}">${pct(q.selectivity, 2)}</td><td class="num">${q.passing}</td><td class="num">${q.returned ?? 'error'}${q.short ? ' (short)' : ''}</td></tr>`)}
</tbody></table></details>` : ''}
</section>
`;
}

function bandRow(b: SelectivityBand, cutoffs: string[], first: string): SafeHtml {
  const range = b.selectivity ? (b.selectivity.min === b.selectivity.max ? pct(b.selectivity.min, 2) : `${pct(b.selectivity.min, 2)}–${pct(b.selectivity.max, 2)}`) : b.name === 'unfiltered' ? '100%' : '–';
  const label = b.name === '<=1%' ? '≤1%' : b.name;
  return html`<tr data-band="${b.name}"><td>${label}</td><td class="num">${b.queries}${b.errored ? ` (+${b.errored} errored)` : ''}</td><td class="num">${range}</td>${cutoffs.map((c) => html`<td class="num">${num(b.recall[c])}</td>`)}<td class="num">${num(b.ndcg[first])}${b.ndcgQueries ? html` <span class="muted">(${b.ndcgQueries})</span>` : ''}</td><td class="num${b.shortLists ? ' fail' : ''}">${b.shortLists}</td><td class="num">${ms(b.latency?.p50)}</td><td class="num">${ms(b.latency?.p95)}</td></tr>`;
}
