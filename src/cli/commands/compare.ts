import { resolve } from 'node:path';
import { type CliCommand, type FlagValues, numberFlag, stringFlag, writeJson } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { compare } from '../../report/compare/compare.js';
import { formatStrategy } from '../../report/compare/format-strategy.js';
import { formatFrontierComparison } from '../../report/compare/frontier.js';
import { GATE_FLAG_OPTIONS, type GateOptions, gateThresholdsFrom } from '../../report/compare/gate-options.js';
import { gateChange, gateCi, gateThreshold, gateValue } from '../../report/format.js';
import { renderHtml } from '../../report/html/render-html.js';
import { renderMarkdown } from '../../report/markdown/render-markdown.js';
import { readReport } from '../../report/read-report.js';
import type { Comparison } from '../../report/types.js';
import { withComparison } from '../../report/with-comparison.js';
import { writeFileAtomic } from '../../report/write-file-atomic.js';

export const command: CliCommand = {
  name: 'compare',
  summary: 'compare a candidate report against a baseline with regression gates',
  help: `usage: vecstage compare <baseline.json> <candidate.json> [gate flags] [--json] [--html out.html] [--md out.md]

Gates each metric of the candidate against the baseline. A change is a regression only when it is worse than
the gate AND its confidence interval excludes zero (bootstrap of the percentile difference for latency,
paired per-query bootstrap for recall/nDCG, Newcombe interval for the error rate). A gate value is a
percentage (10%), a fraction below 1 (0.1), or "off".

gates (defaults in brackets):
  --max-p50-regression <r>       serial p50 latency, relative [10%]
  --max-p95-regression <r>       serial p95 latency, relative [10%]
  --max-p99-regression <r>       serial p99 latency, relative [15%]
  --max-qps-drop <r>             QPS at the highest concurrency both runs measured, relative [10%]
  --max-recall-drop <d>          recall@k, absolute [0.01]
  --max-ndcg-drop <d>            nDCG@k, absolute [0.01]
  --max-error-rate-increase <d>  errors+timeouts per request, absolute [0.01]
options:
  --confidence <c>               confidence level of the intervals [0.95]
  --seed <s>                     seed of the resampling [vecstage-compare]
  --html <file>                  write the candidate's HTML report with the baseline deltas
  --md <file>                    write summary.md (verdict, gate table, worst queries)
  --json                         print the comparison as one JSON object
When either report is a sweep (bench --sweep), the frontiers are compared too: QPS at equal recall, interpolated
linearly between each run's Pareto points, over the recall range both cover (a run without a sweep is one point).
exit codes: 0 pass, 1 regression, 2 usage or input error (missing or invalid report file)`,
  options: {
    ...GATE_FLAG_OPTIONS,
    confidence: { type: 'string' },
    seed: { type: 'string' },
    html: { type: 'string' },
    md: { type: 'string' },
  },
  positionals: [2, 2],
  async run({ values, positionals }, ctx) {
    const [baselinePath, candidatePath] = positionals as [string, string];
    const gates = gateOptions(values);
    const baseline = await readReport(resolve(ctx.cwd, baselinePath), baselinePath);
    const candidate = await readReport(resolve(ctx.cwd, candidatePath), candidatePath);
    const comparison = compare(baseline, candidate, gates);
    const html = stringFlag(values, 'html');
    const md = stringFlag(values, 'md');
    if (html || md) {
      const report = withComparison(candidate, baselinePath, comparison);
      if (html) await writeFileAtomic(resolve(ctx.cwd, html), renderHtml(report, { baseline }));
      if (md) await writeFileAtomic(resolve(ctx.cwd, md), renderMarkdown(report));
    }
    if (values.json) writeJson(ctx, { ok: true, ...comparison });
    else ctx.stdout.write(formatComparison(comparison));
    return comparison.status === 'regression' ? EXIT.failed : EXIT.ok;
  },
};

function gateOptions(values: FlagValues): GateOptions {
  const gates: GateOptions = gateThresholdsFrom(values);
  const confidence = numberFlag(values, 'confidence', { min: 0.5, max: 0.999 });
  if (confidence !== undefined) gates.confidence = confidence;
  const seed = stringFlag(values, 'seed');
  if (seed !== undefined) gates.seed = seed;
  return gates;
}

/** The human verdict: status first, then one aligned line per gate. */
export function formatComparison(c: Comparison): string {
  const failed = c.gates.filter((g) => g.regression);
  const head =
    c.status === 'regression'
      ? `REGRESSION: ${failed.map((g) => g.name).join(', ')} (${failed.length} of ${c.gates.length} gates)`
      : `PASS: all ${c.gates.length} gates within limits`;
  const conf = `${Math.round((c.confidence ?? 0.95) * 100)}% CI`;
  const rows = [
    ['gate', 'baseline', 'candidate', 'change', `${conf} of change`, 'gate', 'result'],
    ...c.gates.map((g) => [g.name, gateValue(g, g.baseline), gateValue(g, g.candidate), gateChange(g), gateCi(g), gateThreshold(g), g.regression ? 'REGRESSION' : g.note.endsWith('not significant') ? 'ok (not significant)' : 'ok']),
    ...(c.skipped ?? []).map((s) => [s.name, '', '', '', '', '', `skipped: ${s.reason}`]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  return `${head}
  baseline:  ${c.baseline.index} (${c.baseline.runId}, ${c.baseline.createdAt})
  candidate: ${c.candidate.index} (${c.candidate.runId}, ${c.candidate.createdAt})

${lines.map((l) => `  ${l}`).join('\n')}
${c.strategy ? formatStrategy(c.strategy, c.confidence ?? 0.95) : ''}${c.frontier ? formatFrontierComparison(c.frontier) : ''}${(c.warnings ?? []).map((w) => `warning: ${w}\n`).join('')}`;
}
