import { ms, num } from '../../format.js';
import { firstCutoff, worstRows } from '../../summary.js';
import type { Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/** Every query, sortable, opened sorted worst first (errored, then lowest recall, then lowest nDCG, then slowest). */
export function queriesSection(report: Report): SafeHtml {
  const cut = firstCutoff(report);
  const rows = worstRows(report);
  return html`<section id="per-query">
<h2>Per query (worst first)</h2>
<p><input type="search" id="query-filter" placeholder="filter queries by id, text or tag" aria-label="filter queries"> <span class="muted">${rows.length} queries; click a column to sort.</span></p>
<div class="scroll"><table class="sortable" id="queries"><thead><tr>
<th class="num" data-type="number">rank</th><th>id</th><th>text</th><th>tags</th><th class="num" data-type="number">recall@${cut}</th><th class="num" data-type="number">nDCG@${cut}</th><th class="num" data-type="number">RR</th><th class="num" data-type="number">latency</th><th>top results</th><th>status</th>
</tr></thead><tbody>
${rows.map(
  (r, i) => html`<tr class="${r.ok && (r.recall[cut] ?? 1) >= 1 ? '' : 'bad'}"><td class="num">${i + 1}</td><td><code>${r.id}</code></td><td>${r.text ?? ''}</td><td>${r.tags.join(', ')}</td><td class="num" data-v="${r.recall[cut] ?? -1}">${num(r.recall[cut])}</td><td class="num" data-v="${r.ndcg[cut] ?? -1}">${num(r.ndcg[cut])}</td><td class="num" data-v="${r.recipRank ?? -1}">${num(r.recipRank)}</td><td class="num" data-v="${r.latencyMs ?? ''}">${ms(r.latencyMs)}</td><td title="${r.expected.length ? `expected: ${r.expected.join(', ')}` : ''}">${r.returned.slice(0, 3).map((m, j) => html`${j ? ', ' : ''}<code>${m.id}</code>`)}</td><td>${r.ok ? html`<span class="ok">ok</span>` : html`<span class="fail">${r.error ?? 'error'}</span>`}</td></tr>
`,
)}</tbody></table></div>
</section>`;
}
