// Runs the sampler library in this (child) process and prints its manifest counts as JSON.
// argv: sample|import <input> <outDir> [exact|bernoulli] [fraction]
// (The library rather than `vecstage sample`, so the benchmark does not depend on the CLI's flag wiring.)
import { importRows, sample } from '../../../src/sampler/index.js';

const [verb, input, out, mode, fraction] = process.argv.slice(2);
// an Arrow sample/import file carries metadata as one JSON column (DESIGN §3)
const columns = input!.endsWith('.arrow') ? { metadata: [], metadataJson: 'metadata' } : {};
const common = { input: input!, out: out!, seed: '1', stratifyBy: ['tenant', 'lang'], columns };
const r = verb === 'import'
  ? await importRows(common)
  : await sample({ ...common, mode: (mode ?? 'exact') as 'exact' | 'bernoulli', fraction: Number(fraction ?? 0.15) });
process.stdout.write(`${JSON.stringify({ counts: r.manifest.counts, rejects: r.manifest.rejects, dimension: r.manifest.embedding.dimension })}\n`);
