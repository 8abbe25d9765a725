/** summary.md's frontier table (bench --sweep) and, against a baseline, QPS at equal recall. */
import { escapeMarkdown as md } from '../escape.js';
import { ms, num } from '../format.js';
import type { Report } from '../types.js';

export function frontierMarkdown(report: Report): string[] {
  const f = report.frontier;
  if (!f) return [];
  const cut = String(f.cutoff);
  const out = [`### Frontier over \`${md(f.setting)}\` (recall@${cut}; QPS at ${f.concurrency} clients; the index's own value ${f.indexValue ?? 'unknown'}, untouched)`, ''];
  out.push(`| ${md(f.setting)} | recall@${cut} | nDCG@${cut} | QPS | p50 | p95 | Pareto | |`, '|---:|---:|---:|---:|---:|---:|---|---|');
  f.points.forEach((p, i) => {
    const marks = [p.pareto.qps ? 'QPS' : '', p.pareto.p95 ? 'p95' : ''].filter(Boolean).join(', ') || '–';
    const role = [i === f.pick?.chosen ? '**picked**' : '', i === f.primary ? 'this report' : ''].filter(Boolean).join(', ');
    out.push(`| ${p.settings[f.setting]} | ${num(p.recall[cut], 4)} | ${num(p.ndcg[cut], 4)} | ${num(p.qps)} | ${ms(p.serial?.p50)} | ${ms(p.serial?.p95)} | ${marks} | ${role} |`);
  });
  out.push('');
  if (f.pick) out.push(`Pick \`${md(f.pick.expression)}\`: ${md(f.pick.reason, 300)}.`, '');
  for (const n of f.notes) out.push(`> ⚠️ ${md(n, 300)}`, '');
  const fc = report.baseline?.comparison.frontier;
  if (fc) {
    out.push(`QPS at equal recall@${fc.cutoff} vs the baseline (${md(fc.baseline)}): ${md(fc.note, 300)}.`, '');
    if (fc.levels.length) {
      out.push(`| recall@${fc.cutoff} | baseline QPS | candidate QPS | ratio |`, '|---:|---:|---:|---:|');
      for (const l of fc.levels) out.push(`| ${num(l.recall, 4)} | ${num(l.baseline)} | ${num(l.candidate)} | ×${num(l.ratio)} |`);
      out.push('');
    }
  }
  return out;
}
