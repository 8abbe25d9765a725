import { escapeMarkdown as md } from '../escape.js';
import { gateChange, gateCi, gateThreshold, gateValue, ms, num, pct } from '../format.js';
import { firstCutoff, headline, maxQps, worstRows } from '../summary.js';
import type { Report } from '../types.js';
import { frontierMarkdown } from './frontier.js';

/**
 * summary.md for CI step summaries and PR comments: the verdict first, the key numbers, the gate table with
 * deltas and intervals, the worst queries. Every value from data is escaped for Markdown. Pure.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const cut = firstCutoff(report);
  const icon = report.verdict.status === 'pass' ? '✅' : report.verdict.status === 'regression' ? '❌' : '⚠️';
  out.push(`## ${icon} vecstage: ${report.verdict.status.toUpperCase()} · ${md(report.fingerprint.index.name)} · ${md(report.runId)}`, '');
  out.push(md(report.verdict.summary, 400), '');
  for (const r of report.verdict.regressions) out.push(`- ${md(r, 300)}`);
  if (report.verdict.regressions.length) out.push('');

  const s = report.latency.serial.latency;
  const q = maxQps(report);
  out.push('| p50 | p95 | p99 | max QPS | recall@' + cut + ' | nDCG@' + cut + ' | errors |', '|---:|---:|---:|---:|---:|---:|---:|');
  out.push(
    `| ${ms(s?.p50)} | ${ms(s?.p95)} | ${ms(s?.p99)} | ${q ? `${num(q.qps)}/s @${q.concurrency}` : '–'} | ${num(report.quality.recall[cut])} | ${num(headline(report).ndcg)} | ${pct(headline(report).errorRate, 2)} |`,
    '',
  );

  out.push(...frontierMarkdown(report));
  const d = report.documents;
  if (d) {
    const cuts = report.settings.cutoffs;
    out.push(`### Document level (${d.queries} queries, chunks mapped by \`${md(d.field)}\`)`, '');
    out.push(`| ${cuts.map((k) => `nDCG@${k} | recall@${k}`).join(' | ')} | MRR | MAP |`, `|${'---:|'.repeat(cuts.length * 2 + 2)}`);
    out.push(`| ${cuts.map((k) => `${num(d.measures[`ndcg_cut_${k}`])} | ${num(d.measures[`recall_${k}`])}`).join(' | ')} | ${num(d.measures.recip_rank)} | ${num(d.measures.map)} |`, '');
  }
  const sel = report.selectivity;
  if (sel) {
    const cuts = report.settings.cutoffs;
    out.push(`### By filter selectivity (share of the ${sel.rows} ${sel.source === 'sample' ? 'sample rows' : 'index records'} a filter passes)`, '');
    out.push(`| band | queries | selectivity | ${cuts.map((k) => `recall@${k}`).join(' | ')} | nDCG@${cut} | short lists | p50 | p95 |`, `|---|${'---:|'.repeat(cuts.length + 6)}`);
    for (const b of sel.bands) {
      const range = b.selectivity ? (b.selectivity.min === b.selectivity.max ? pct(b.selectivity.min, 2) : `${pct(b.selectivity.min, 2)}–${pct(b.selectivity.max, 2)}`) : b.name === 'unfiltered' ? '100%' : '–';
      out.push(`| ${b.name === '<=1%' ? '≤1%' : b.name === '>50%' ? '&gt;50%' : b.name} | ${b.queries}${b.errored ? ` (+${b.errored} errored)` : ''} | ${range} | ${cuts.map((k) => num(b.recall[k])).join(' | ')} | ${num(b.ndcg[cut])} | ${b.shortLists ? `⚠️ ${b.shortLists}` : '0'} | ${ms(b.latency?.p50)} | ${ms(b.latency?.p95)} |`);
    }
    out.push('', `A short list has fewer than min(k = ${sel.k}, rows passing) results; it is not padded, and recall counts the missing results as misses.`, '');
  }
  const c = report.baseline?.comparison;
  const st = c?.strategy;
  if (st && st.measures.length) {
    out.push(`### Strategies: ${md(st.baseline?.pipeline ?? '(vectors)')} → ${md(st.candidate?.pipeline ?? '(vectors)')}`, '');
    out.push('| measure | baseline | candidate | delta | CI | p |', '|---|---:|---:|---:|---|---:|');
    for (const m of st.measures) out.push(`| ${md(m.name)} | ${num(m.baseline)} | ${num(m.candidate)} | ${m.delta > 0 ? '+' : ''}${num(m.delta)} | [${num(m.ci.lo)}, ${num(m.ci.hi)}] | ${num(m.permutationP, 2)} |`);
    if (st.wins) out.push('', `Candidate wins ${st.wins.candidate.length} queries, baseline ${st.wins.baseline.length}, ${st.wins.ties} tie (by ${md(st.wins.measure)}).`);
    out.push('');
  }
  if (c) {
    out.push(`### Gates vs ${md(c.baseline.index)} (${md(c.baseline.runId)})`, '');
    out.push(`| gate | baseline | candidate | change | ${pct(c.confidence ?? 0.95, 0)} CI of change | gate | result |`, '|---|---:|---:|---:|---|---|---|');
    for (const g of c.gates) {
      out.push(
        `| ${md(g.name)} | ${gateValue(g, g.baseline)} | ${gateValue(g, g.candidate)} | ${gateChange(g)} | ${gateCi(g)} | ${gateThreshold(g)} | ${g.regression ? '❌ regression' : '✅ pass'} |`,
      );
    }
    for (const sk of c.skipped ?? []) out.push(`| ${md(sk.name)} | | | | | | skipped: ${md(sk.reason, 120)} |`);
    out.push('');
    for (const w of c.warnings ?? []) out.push(`> ⚠️ ${md(w, 300)}`, '');
  }

  // only queries that lost something: a table of perfect queries would read as a problem
  const worst = worstRows(report, 10).filter((r) => !r.ok || (r.recall[cut] ?? 1) < 1 || (r.ndcg[cut] ?? 1) < 1);
  if (!worst.length && report.perQuery.length) out.push(`Every query reached recall@${cut} = 1 (and nDCG@${cut} = 1 where judged).`, '');
  if (worst.length) {
    out.push(`### Worst queries (by recall@${cut})`, '');
    out.push(`| query | text | tags | recall@${cut} | nDCG@${cut} | latency |`, '|---|---|---|---:|---:|---:|');
    for (const r of worst) {
      out.push(
        `| ${md(r.id, 40)} | ${r.text === null ? '' : md(r.text, 60)} | ${md(r.tags.join(', '), 40)} | ${r.ok ? num(r.recall[cut]) : `error: ${md(r.error ?? '', 40)}`} | ${num(r.ndcg[cut])} | ${ms(r.latencyMs)} |`,
      );
    }
    out.push('');
  }
  const f = report.fingerprint;
  out.push(
    `<sub>${md(f.backend.kind)} ${md(f.backend.version)} · ${md(f.index.metric)} · dim ${f.index.dimension} · ${f.index.count} vectors · ${f.queries.count} queries · node ${md(f.client.node)} · config ${md(f.configHash)}</sub>`,
    '',
  );
  return out.join('\n');
}
