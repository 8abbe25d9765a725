import { join } from 'node:path';
import { type CliCommand, numberFlag, stringFlag, writeJson } from '../command.js';
import { runDemo, shippedGoldenPath } from '../../demo/run.js';
import { writeDemoGolden } from '../../demo/write-golden.js';
import { version } from '../main.js';

const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(3));
const ms = (x: number | null): string => (x === null ? '-' : `${x.toFixed(2)} ms`);

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the whole loop on synthetic data with embedded Chroma',
  help: `usage: vecstage demo [--dir .vecstage/demo] [--reports reports] [--seconds 4] [--docs 2000] [--json]

Generates a synthetic production export (clustered embeddings, tenants x languages with a rare stratum, injected
edge cases and bad rows), samples 15% of it, loads it into embedded Chroma (started and stopped for you),
benchmarks it against the golden queries in fixtures/golden/demo.jsonl, then loads a second version with a
deliberately worse HNSW setting and benchmarks it against the first as the baseline: the second report shows a
caught regression. Then a second act on raw documents: synthetic support articles, runbooks and FAQs (no embeddings)
are sampled 15%, two chunking pipelines are built into staging (one 4000-char chunk per document vs 512-char sliding
windows, both embedded offline by the hashing embedder), benchmarked with golden queries judged on documents,
compared (the report's strategy section), and the winner is promoted. --docs 0 skips the second act.
Prints the paths of every report.html. Nothing needs to be running beforehand.
(--write-golden regenerates fixtures/golden/demo.jsonl from the demo's sample: for maintainers.)`,
  options: { dir: { type: 'string' }, reports: { type: 'string' }, seconds: { type: 'string' }, docs: { type: 'string' }, 'write-golden': { type: 'boolean' } },
  async run({ values }, ctx) {
    const log = (line: string) => ctx.stderr.write(`demo: ${line}\n`);
    const r = await runDemo({
      dir: stringFlag(values, 'dir'),
      reports: stringFlag(values, 'reports'),
      seconds: numberFlag(values, 'seconds', { min: 1, max: 600 }),
      docs: numberFlag(values, 'docs', { integer: true, min: 0, max: 100000 }),
      cwd: ctx.cwd,
      toolkitVersion: version(),
      log,
      beforeBench: values['write-golden']
        ? async (sampleDir: string) => {
            log(`wrote ${await writeDemoGolden(sampleDir, shippedGoldenPath())} golden queries to fixtures/golden/demo.jsonl`);
          }
        : undefined,
    });
    if (values.json) {
      writeJson(ctx, { ok: true, ...r });
      return 0;
    }
    ctx.stdout.write(`
sample: ${r.sample.rows} rows (${r.sample.stratified} stratified + ${r.sample.edgeCases} edge cases), ${r.sample.rejected} bad rows rejected -> ${join(r.sample.dir, 'rejects.jsonl')}
baseline  ${r.baseline.index}: ${r.baseline.verdict.toUpperCase()}   ${r.baseline.html}
candidate ${r.candidate.index}: ${r.candidate.verdict.toUpperCase()}   ${r.candidate.html}
${r.candidate.regressions.map((g) => `  caught: ${g}`).join('\n')}
${r.documents ? `
raw documents: ${r.documents.documents.exported} generated, ${r.documents.documents.sampled} sampled, ${r.documents.documents.queries} golden queries judged on documents
strategy ${r.documents.baseline.pipeline} (${r.documents.baseline.index}, ${r.documents.baseline.chunks} chunks): nDCG@10 ${fmt(r.documents.baseline.ndcg10)}, p50 ${ms(r.documents.baseline.p50Ms)}   ${r.documents.baseline.html}
strategy ${r.documents.candidate.pipeline} (${r.documents.candidate.index}, ${r.documents.candidate.chunks} chunks, ${r.documents.candidate.embedCalls} embed calls): nDCG@10 ${fmt(r.documents.candidate.ndcg10)}, p50 ${ms(r.documents.candidate.p50Ms)}   ${r.documents.candidate.html}
${r.documents.wins ? `  ${r.documents.candidate.pipeline} wins ${r.documents.wins.candidate} queries, ${r.documents.baseline.pipeline} ${r.documents.wins.baseline}, ${r.documents.wins.ties} tied
` : ''}  ${r.documents.promoted ? `promoted in staging: ${r.documents.promoted} (${r.documents.winner})` : `not promoted: ${r.documents.held}`}
` : ''}all runs: ${r.index}
`);
    return 0;
  },
};
