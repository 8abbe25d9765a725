import { num } from '../../format.js';
import type { Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/**
 * Document-level relevance over a chunk index, beside the chunk-level fidelity of the quality section. The
 * measures come from the TREC run written next to report.json (doc-run.trec), so `vecstage metrics` reproduces them.
 */
export function documentsSection(report: Report): SafeHtml {
  const d = report.documents;
  if (!d) return html``;
  const cutoffs = report.settings.cutoffs;
  const rows: Array<[string, string]> = [
    ['nDCG', 'ndcg_cut'],
    ['recall', 'recall'],
    ['P', 'P'],
    ['success', 'success'],
  ];
  return html`<section id="documents">
<h2>Document-level relevance</h2>
<p class="muted">The index holds chunks; the golden queries are judged on documents. Each query's documents are ranked by their best chunk (later chunks of a document are dropped), read from the chunk metadata field <code>${d.field}</code>, then scored with trec_eval's conventions over the ${d.queries} queries with document qrels. A returned top-${report.settings.k} of chunks covered ${num(d.documentsPerQuery)} documents per query on average${d.unmappedChunks ? `; ${d.unmappedChunks} returned chunks named no document and were left out` : ''}. Reproduce: <code>vecstage metrics --qrels doc-qrels.trec --run doc-run.trec</code> in this report's folder.</p>
<table id="documents-measures"><thead><tr><th>measure</th>${cutoffs.map((c) => html`<th class="num">@${c}</th>`)}</tr></thead><tbody>
${rows.map(([label, key]) => html`<tr><td>${label}</td>${cutoffs.map((c) => html`<td class="num">${num(d.measures[`${key}_${c}`])}</td>`)}</tr>`)}
<tr><td>MRR (recip_rank)</td><td class="num" colspan="${cutoffs.length}">${num(d.measures.recip_rank)}</td></tr>
<tr><td>MAP</td><td class="num" colspan="${cutoffs.length}">${num(d.measures.map)}</td></tr>
</tbody></table>
</section>
`;
}
