/**
 * Sampling a live index (`vecstage sample --from-env`) against sampling the same rows from a CSV file, on embedded
 * Chroma (default 50,000 rows x 128 dims of a generated export, imported and loaded first):
 *   - exact mode (pass 1 fetches every vector once, pass 2 only the selected ones), Bernoulli (one pass), and one
 *     shard of four (fetches a quarter of the vectors);
 *   - the file sampled in exact mode, the reference.
 * Each run is `vecstage` as its own child process (wall time from spawn to exit, the child's CPU and peak RSS; the
 * Chroma server's own memory is not in it). The server keeps indexing for a while after a load, which slows the
 * first reads, so the four runs go round twice (--rounds) and the last round is reported.
 * Flags: --rows N (50000), --dim D (128), --rounds R (2).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedServer } from '../../src/backends/chroma/index.js';
import { DATA_DIR, ensureExport } from './lib/data.js';
import { assertOk, runNode, type ChildRun } from './lib/measure.js';
import { argValue, fmt, printTable } from './lib/table.js';

const CLI = 'bin/vecstage.js';

export async function run(argv: string[]): Promise<void> {
  const rows = Number(argValue(argv, 'rows') ?? 50000);
  const dim = Number(argValue(argv, 'dim') ?? 128);
  const data = await ensureExport(rows, dim);
  const work = join(DATA_DIR, `live-${rows}x${dim}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const server = await startEmbeddedServer({ dataDir: join(work, 'chroma') });
  try {
    const config = join(work, 'vecstage.config.json');
    writeFileSync(config, JSON.stringify({ embedding: { dimension: dim }, environments: { live: { backend: { kind: 'chroma', url: server.url }, index: 'prod' } } }));
    const cli = (label: string, args: string[]) => runNode(label, CLI, [...args, '--config', config]).then(assertOk);
    const strata = ['--stratify-by', 'tenant,lang', '--seed', '1', '--fraction', '0.15', '--origin', 'synthetic'];
    await cli('import', ['import', data.path, '--out', join(work, 'imported')]);
    const load = await cli('load', ['load', join(work, 'imported'), '--env', 'live', '--index', 'prod-v1']);
    process.stdout.write(`loaded ${fmt(rows)} x ${dim} into embedded Chroma in ${fmt(load.ms / 1000)} s\n`);
    const rounds = Number(argValue(argv, 'rounds') ?? 2);
    let runs: Array<{ r: ChildRun; note: string }> = [];
    const live = ['--from-env', 'live', '--index', 'prod-v1'];
    for (let round = 1; round <= rounds; round++) {
      runs = [];
      runs.push({ r: await cli('index, exact', ['sample', ...live, '--out', join(work, 'exact'), ...strata]), note: 'N + sample vectors fetched' });
      runs.push({ r: await cli('index, bernoulli', ['sample', ...live, '--out', join(work, 'bern'), '--mode', 'bernoulli', ...strata]), note: 'N vectors fetched' });
      runs.push({ r: await cli('index, shard 1/4', ['sample', ...live, '--out', join(work, 'shard'), '--shard', '1/4', ...strata]), note: 'N/4 vectors fetched' });
      runs.push({ r: await cli('file (CSV), exact', ['sample', data.path, '--out', join(work, 'file'), ...strata]), note: 'reference' });
    }
    printTable(
      ['run', 'wall s', 'rows/s', 'CPU s', 'peak RSS MB', 'note'],
      runs.map(({ r, note }) => [r.label, r.ms / 1000, rows / (r.ms / 1000), r.cpuMs / 1000, r.maxRssKB / 1024, note]),
    );
  } finally {
    await server.close();
    rmSync(join(work, 'chroma'), { recursive: true, force: true });
  }
}
