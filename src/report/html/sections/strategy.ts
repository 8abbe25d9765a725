import { num } from '../../format.js';
import type { Comparison, Report, StrategyInfo } from '../../types.js';
import { html, type SafeHtml } from '../html.js';

/** How the index was built, and against a baseline built by another pipeline: the strategies side by side. */
export function strategySection(report: Report, c: Comparison | undefined): SafeHtml {
  const s = c?.strategy;
  if (!report.strategy && !s) return html``;
  const sides: Array<[string, StrategyInfo | null | undefined]> = s ? [['baseline', s.baseline], ['this run', s.candidate]] : [['this run', report.strategy]];
  const conf = Math.round((c?.confidence ?? 0.95) * 100);
  return html`<section id="strategy">
<h2>${s ? 'Strategies compared' : 'Build strategy'}</h2>
<table id="strategy-sides"><thead><tr><th></th>${sides.map(([label]) => html`<th>${label}</th>`)}</tr></thead><tbody>
${row('pipeline', sides, (x) => x.pipeline)}
${row('chunker', sides, (x) => x.chunker ?? '–')}
${row('embedder', sides, (x) => x.embedder ?? '–')}
${row('documents', sides, (x) => num(x.documents))}
${row('chunks', sides, (x) => num(x.chunks))}
${row('mean chunk chars', sides, (x) => num(x.build?.meanChunkChars))}
${row('vector bytes', sides, (x) => bytes(x.build?.vectorBytes))}
${row('chunk text bytes', sides, (x) => bytes(x.build?.textBytes))}
${row('build time', sides, (x) => (x.build?.seconds == null ? '–' : `${num(x.build.seconds)} s`))}
${row('embed calls', sides, (x) => num(x.build?.embedCalls))}
${row('texts embedded (cache hits)', sides, (x) => (x.build ? `${num(x.build.embedded)} (${num(x.build.cacheHits)})` : '–'))}
${row('tokens', sides, (x) => num(x.build?.tokens))}
</tbody></table>
${s && s.measures.length
    ? html`<h3>Per-query deltas (this run − baseline), document level</h3>
<table id="strategy-deltas"><thead><tr><th>measure</th><th class="num">baseline</th><th class="num">this run</th><th class="num">delta</th><th class="num">${conf}% CI</th><th class="num">permutation p</th><th class="num">queries</th></tr></thead><tbody>
${s.measures.map((m) => html`<tr class="${m.ci.hi < 0 ? 'bad' : ''}"><td>${m.name}</td><td class="num">${num(m.baseline)}</td><td class="num">${num(m.candidate)}</td><td class="num">${m.delta > 0 ? '+' : ''}${num(m.delta)}</td><td class="num">[${num(m.ci.lo)}, ${num(m.ci.hi)}]</td><td class="num">${num(m.permutationP, 2)}</td><td class="num">${m.n}</td></tr>`)}
</tbody></table>
${s.wins ? html`<p>By ${s.wins.measure}: this run wins ${s.wins.candidate.length} queries, the baseline ${s.wins.baseline.length}, ${s.wins.ties} tie.</p>
<details><summary>which queries each wins</summary><p><b>this run:</b> ${s.wins.candidate.join(', ') || 'none'}</p><p><b>baseline:</b> ${s.wins.baseline.join(', ') || 'none'}</p></details>` : ''}`
    : ''}
</section>
`;
}

function row(label: string, sides: Array<[string, StrategyInfo | null | undefined]>, get: (s: StrategyInfo) => string): SafeHtml {
  return html`<tr><td>${label}</td>${sides.map(([, s]) => html`<td>${s ? get(s) : '–'}</td>`)}</tr>`;
}

function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return n >= 1 << 20 ? `${num(n / (1 << 20))} MiB` : n >= 1024 ? `${num(n / 1024)} KiB` : `${n} B`;
}
