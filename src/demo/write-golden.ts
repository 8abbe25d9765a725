import { writeFile } from 'node:fs/promises';
import { loadCorpus } from '../truth/corpus.js';
import { planExport, resolveGenerateOptions } from '../synth/index.js';
import { formatGoldenLine } from '../golden/read.js';
import { buildDemoGolden } from './golden.js';
import { DEMO_DIM, DEMO_ROWS, DEMO_SEED } from './run.js';

/** The demo golden queries as JSONL text, built from the demo's sample (deterministic). */
export async function demoGoldenText(sampleDir: string, rows = DEMO_ROWS): Promise<string> {
  const corpus = await loadCorpus(sampleDir);
  const plan = planExport(resolveGenerateOptions({ rows, dim: DEMO_DIM, seed: DEMO_SEED }));
  const queries = buildDemoGolden(corpus, { centers: plan.centers, dim: DEMO_DIM, seed: DEMO_SEED });
  return queries.map((q) => `${formatGoldenLine(q)}\n`).join('');
}

export async function writeDemoGolden(sampleDir: string, out: string): Promise<number> {
  const text = await demoGoldenText(sampleDir);
  await writeFile(out, text);
  return text.split('\n').filter(Boolean).length;
}
