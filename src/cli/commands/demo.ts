import { join } from 'node:path';
import { type CliCommand, numberFlag, stringFlag, writeJson } from '../command.js';
import { runDemo, shippedGoldenPath } from '../../demo/run.js';
import { writeDemoGolden } from '../../demo/write-golden.js';
import { version } from '../main.js';

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the whole loop on synthetic data with embedded Chroma',
  help: `usage: vecstage demo [--dir .vecstage/demo] [--reports reports] [--seconds 4] [--json]

Generates a synthetic production export (clustered embeddings, tenants x languages with a rare stratum, injected
edge cases and bad rows), samples 15% of it, loads it into embedded Chroma (started and stopped for you),
benchmarks it against the golden queries in fixtures/golden/demo.jsonl, then loads a second version with a
deliberately worse HNSW setting and benchmarks it against the first as the baseline: the second report shows a
caught regression. Prints the paths of both report.html files. Nothing needs to be running beforehand.
(--write-golden regenerates fixtures/golden/demo.jsonl from the demo's sample: for maintainers.)`,
  options: { dir: { type: 'string' }, reports: { type: 'string' }, seconds: { type: 'string' }, 'write-golden': { type: 'boolean' } },
  async run({ values }, ctx) {
    const log = (line: string) => ctx.stderr.write(`demo: ${line}\n`);
    const r = await runDemo({
      dir: stringFlag(values, 'dir'),
      reports: stringFlag(values, 'reports'),
      seconds: numberFlag(values, 'seconds', { min: 1, max: 600 }),
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
all runs: ${r.index}
`);
    return 0;
  },
};
