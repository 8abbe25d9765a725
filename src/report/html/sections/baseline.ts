import { gateChange, gateCi, gateThreshold, gateValue } from '../../format.js';
import type { Comparison } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/** Baseline deltas: one row per gate with the interval of the change and why it passed or failed. */
export function baselineSection(c: Comparison | undefined, path: string | undefined): SafeHtml {
  if (!c) return html``;
  const conf = Math.round((c.confidence ?? 0.95) * 100);
  return html`<section id="baseline">
<h2>Against the baseline</h2>
<p class="muted">Baseline ${c.baseline.index} (${c.baseline.runId}, ${c.baseline.createdAt})${path ? ` from ${path}` : ''}. A gate fails only when the change is worse than its limit and the ${conf}% confidence interval of the change excludes zero.</p>
<table id="gates"><thead><tr><th>gate</th><th class="num">baseline</th><th class="num">this run</th><th class="num">change</th><th class="num">${conf}% CI of change</th><th>limit</th><th>result</th><th>why</th></tr></thead>
<tbody>${c.gates.map(
    (g) =>
      html`<tr class="${g.regression ? 'bad' : ''}"><td>${g.name}</td><td class="num">${gateValue(g, g.baseline)}</td><td class="num">${gateValue(g, g.candidate)}</td><td class="num">${gateChange(g)}</td><td class="num">${gateCi(g)}</td><td>${gateThreshold(g)}</td><td>${g.regression ? html`<span class="fail">regression</span>` : html`<span class="ok">pass</span>`}</td><td class="muted">${g.note}</td></tr>`,
  )}
${(c.skipped ?? []).map((s) => html`<tr><td>${s.name}</td><td colspan="6" class="muted">skipped</td><td class="muted">${s.reason}</td></tr>`)}
</tbody></table>
${(c.warnings ?? []).map((w) => html`<p class="warning">⚠ ${w}</p>`)}
</section>`;
}
