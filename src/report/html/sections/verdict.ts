import type { Comparison, Report } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/** The verdict first: status, summary and the failing gates, readable at a glance. */
export function verdictSection(report: Report, comparison: Comparison | undefined): SafeHtml {
  const v = report.verdict;
  const failing = comparison ? comparison.gates.filter((g) => g.regression) : [];
  const items = failing.length ? failing.map((g) => html`<li><b>${g.name}</b>: ${g.note}</li>`) : v.regressions.map((r) => html`<li>${r}</li>`);
  return html`<section class="verdict ${v.status}" id="verdict" role="status">
<strong>${v.status === 'pass' ? 'PASS' : v.status === 'regression' ? 'REGRESSION' : 'ERROR'}</strong> · ${v.summary}
${items.length ? html`<ul>${items}</ul>` : ''}
</section>`;
}
