/**
 * Load throughput into embedded Chroma: vecstage's loader (src/load: Arrow sample -> batches -> adapter upserts,
 * bounded concurrency, checkpoint, final count check) against a bare loop of chromadb `add` calls at the server's
 * max batch size, on the same rows, against the same server, in the same run. Chroma's HNSW build bounds both;
 * the target is vecstage / bare >= 0.9 in vectors/s.
 *
 *   npm run perf -- load-chroma [--rows 20000] [--dim 128] [--rounds 3] [--json]
 *   node --import tsx bench/perf/load-chroma.ts ...       (same flags)
 *
 * Data: a `vecstage generate` export (cached in bench/perf/.data/, git-ignored) imported into a sample (every
 * valid row). Rounds alternate the two sides so a busy machine slows both alike; each side reports its median
 * round. The bare side gets its rows already decoded from Arrow (its clock covers only the number[] conversion
 * and the add calls); vecstage's clock covers everything `vecstage load` does after the backend is open. Each
 * round loads into a new collection, dropped afterwards. The bare loop imports chromadb directly: a benchmark,
 * not src/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ChromaClient } from 'chromadb';
import { readSample } from '../../src/arrow/index.js';
import { startEmbeddedServer } from '../../src/backends/chroma/index.js';
import { openBackend } from '../../src/backends/open.js';
import { resolveConfig, resolveEnv } from '../../src/config/index.js';
import { loadSample, toRecord } from '../../src/load/loader.js';
import { openSampleSource } from '../../src/load/arrow-source.js';
import { openPointerStore } from '../../src/pointer/open.js';
import { DATA_DIR, ensureExport } from './lib/data.js';
import { ROOT } from './lib/measure.js';
import { printTable } from './lib/table.js';

interface Settings {
  rows: number;
  dim: number;
  rounds: number;
  json: boolean;
}

function settings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: { rows: { type: 'string', default: '20000' }, dim: { type: 'string', default: '128' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean' } },
  });
  const rows = Number(values.rows);
  const dim = Number(values.dim);
  const rounds = Number(values.rounds);
  for (const [name, v] of [['rows', rows], ['dim', dim], ['rounds', rounds]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`invalid --${name}: ${String(values[name])}; allowed: an integer >= 1`);
  }
  return { rows, dim, rounds, json: values.json === true };
}

/** The sample folder for (rows, dim): generated export, imported once with the CLI, cached. */
async function ensureSample(rows: number, dim: number): Promise<string> {
  const exp = await ensureExport(rows, dim);
  const dir = join(DATA_DIR, `work-load-${rows}x${dim}`, 'imported');
  if (!existsSync(join(dir, 'sample.arrow'))) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vecstage.js'), 'import', exp.path, '--out', dir, '--dimension', String(dim), '--json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vecstage import failed (${r.status}): ${r.stderr}`);
  }
  return dir;
}

export async function run(argv: string[]): Promise<void> {
  const s = settings(argv);
  const log = (line: string) => (s.json ? process.stderr : process.stdout).write(`${line}\n`);
  const sampleDir = await ensureSample(s.rows, s.dim);
  const { rows } = await readSample(sampleDir);
  const records = rows.map(toRecord);
  const work = mkdtempSync(join(tmpdir(), 'vecstage-perf-load-'));
  const server = await startEmbeddedServer({ dataDir: join(work, 'chroma') });
  try {
    const config = resolveConfig(
      { embedding: { model: 'bench', dimension: s.dim, metric: 'cosine' }, environments: { bench: { backend: { kind: 'chroma', url: server.url }, index: 'bench' } } },
      'load-chroma bench config',
      work,
      undefined,
    );
    const target = resolveEnv(config, 'bench', {});
    const backend = await openBackend(target, { processEnv: {} });
    const pointer = await openPointerStore(target, backend);
    const url = new URL(server.url);
    const client = new ChromaClient({ host: url.hostname, port: Number(url.port) });
    const maxBatch = await client.getMaxBatchSize();
    log(`load into embedded chroma: ${records.length} rows x ${s.dim} (cosine), ${s.rounds} alternating rounds; chroma max batch ${maxBatch}; load avg ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

    const vecstage: number[] = [];
    const bare: number[] = [];
    let batchSize = 0;
    for (let round = 1; round <= s.rounds; round++) {
      const name = `bench-v${round}`;
      const source = await openSampleSource(sampleDir);
      const t0 = performance.now();
      const result = await loadSample({ target, source, backend, pointer, index: name, toolkitVersion: 'bench' });
      const seconds = (performance.now() - t0) / 1000;
      if (result.count !== records.length) throw new Error(`vecstage loaded ${result.count} of ${records.length}`);
      batchSize = result.batchSize;
      vecstage.push(records.length / seconds);
      await backend.dropIndex(name);
      log(`  round ${round} vecstage: ${seconds.toFixed(2)} s, ${Math.round(vecstage.at(-1)!)} vectors/s (batch ${result.batchSize}, concurrency 4)`);

      const collection = await client.createCollection({ name: `bare-${round}`, embeddingFunction: null, configuration: { hnsw: { space: 'cosine' } } });
      const b0 = performance.now();
      for (let i = 0; i < records.length; i += maxBatch) {
        const chunk = records.slice(i, i + maxBatch);
        await collection.add({ ids: chunk.map((r) => r.id), embeddings: chunk.map((r) => Array.from(r.values)), metadatas: chunk.map((r) => r.metadata!) }); // toRecord always sets metadata (stratum)
      }
      const bareSeconds = (performance.now() - b0) / 1000;
      const count = await collection.count();
      if (count !== records.length) throw new Error(`bare loop stored ${count} of ${records.length}`);
      bare.push(records.length / bareSeconds);
      await client.deleteCollection({ name: `bare-${round}` });
      log(`  round ${round} bare add : ${bareSeconds.toFixed(2)} s, ${Math.round(bare.at(-1)!)} vectors/s (batch ${maxBatch}, sequential)`);
    }
    const v = median(vecstage);
    const b = median(bare);
    const ratio = v / b;
    const summary = { rows: records.length, dim: s.dim, rounds: s.rounds, vecstage: { vectorsPerSecond: v, batch: batchSize, concurrency: 4, rounds: vecstage }, bare: { vectorsPerSecond: b, batch: maxBatch, rounds: bare }, ratio, target: 0.9, loadavg: loadavg() };
    if (s.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      log('');
      printTable(['side (median of rounds)', 'vectors/s'], [['vecstage load', v], ['bare chromadb add', b]]);
      log(`ratio vecstage / bare: ${ratio.toFixed(2)} (target >= 0.9)`);
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
