/**
 * `vecstage demo`: the whole loop on synthetic data with embedded Chroma, in a few minutes on 2 cores.
 * generate -> sample -> load v1 -> promote -> truth -> bench v1 -> load v2 with a deliberately worse HNSW setting
 * -> bench v2 against v1 as baseline, so the first run already shows a caught regression.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, resolveEnv, STATE_DIR } from '../config/index.js';
import { openBackend } from '../backends/open.js';
import { openPointerStore } from '../pointer/open.js';
import { generateExport } from '../synth/index.js';
import { sample } from '../sampler/index.js';
import { openSampleSource } from '../load/arrow-source.js';
import { loadSample } from '../load/loader.js';
import { promote } from '../lifecycle/promote.js';
import { runBench } from '../bench/run/bench.js';
import { finishReport } from '../bench/run/finish.js';
import { parseGolden } from '../golden/parse.js';
import { runDocumentsAct, type DocumentsActResult } from './documents-act.js';

export interface DemoOptions {
  /** working folder (config, data, embedded Chroma); @default .vecstage/demo under cwd */
  dir?: string;
  /** where reports go; @default reports/ under cwd */
  reports?: string;
  cwd: string;
  rows?: number;
  /** seconds per latency level */
  seconds?: number;
  toolkitVersion: string;
  log: (line: string) => void;
  /** called with the sample folder before the golden queries are read (maintainers regenerate them here) */
  beforeBench?: ((sampleDir: string) => Promise<void>) | undefined;
  /** raw documents generated for the second act (document pipelines); 0 skips the act; @default DEMO_DOCS */
  docs?: number;
}

export interface DemoResult {
  dir: string;
  sample: { dir: string; rows: number; stratified: number; edgeCases: number; rejected: number };
  baseline: { index: string; report: string; html: string; verdict: string };
  candidate: { index: string; report: string; html: string; verdict: string; regressions: string[] };
  index: string;
  /** the second act: two chunking strategies on raw documents, compared at document level */
  documents: DocumentsActResult | null;
}

export const DEMO_DIM = 64;
export const DEMO_DOCS = 2000;
export const DEMO_ROWS = 20000;
export const DEMO_SEED = 1;
export const DEMO_SAMPLE_SEED = '7';
/** what makes v2 worse: a sparse graph searched with a tiny beam (recall drops, a real tuning mistake) */
export const WORSE_HNSW = { max_neighbors: 4, ef_construction: 8, ef_search: 4 };

export function shippedGoldenPath(): string {
  return fileURLToPath(new URL('../../fixtures/golden/demo.jsonl', import.meta.url));
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const dir = resolve(o.cwd, o.dir ?? join(STATE_DIR, 'demo'));
  const reports = resolve(o.cwd, o.reports ?? 'reports');
  const rel = (p: string) => relative(o.cwd, p) || p;
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, 'vecstage.config.json');
  await writeFile(
    configPath,
    `${JSON.stringify(
      {
        embedding: { model: 'vecstage-synthetic-64', dimension: DEMO_DIM, metric: 'cosine' },
        environments: {
          dev: { backend: { kind: 'chroma', url: 'embedded' }, index: 'demo' },
          staging: { backend: { kind: 'chroma', url: 'embedded' }, index: 'demo', sample: { fraction: 0.15 } },
        },
      },
      null,
      2,
    )}\n`,
  );
  const rows = o.rows ?? DEMO_ROWS;
  const exportPath = join(dir, 'prod-export.csv');
  o.log(`1/12 generating a synthetic production export: ${rows} rows x ${DEMO_DIM} dims -> ${rel(exportPath)}`);
  await generateExport({ out: exportPath, rows, dim: DEMO_DIM, seed: DEMO_SEED, truth: `${exportPath}.truth.json` });

  const sampleDir = join(dir, 'sample');
  o.log(`2/12 sampling 15% stratified by tenant x lang, edge cases kept -> ${rel(sampleDir)}`);
  const config = await loadConfig({ cwd: dir, configPath });
  const s = await sample({
    input: exportPath,
    out: sampleDir,
    cwd: dir,
    fraction: 0.15,
    stratifyBy: ['tenant', 'lang'],
    seed: DEMO_SAMPLE_SEED,
    origin: 'synthetic',
    embedding: config.embedding,
    fractionBounds: [config.sampling.fractionMin, config.sampling.fractionMax],
  });
  const m = s.manifest as unknown as { counts: { sample_rows: number; stratified: number; edge_cases: number; rows_rejected: number } };

  await o.beforeBench?.(sampleDir);
  const golden = shippedGoldenPath();
  const goldenText = await readFile(golden, 'utf8');
  const parsed = parseGolden(goldenText, { source: golden, dimension: DEMO_DIM });
  if (parsed.issues.length) throw new Error(`shipped golden queries are invalid: ${parsed.issues[0]!.message}`);

  const target = resolveEnv(config, 'staging', {});
  const backend = await openBackend(target);
  let act1: Omit<DemoResult, 'documents'>;
  try {
    const pointer = await openPointerStore(target, backend);
    const source = await openSampleSource(sampleDir, dir);
    const existing = (await backend.listIndexes()).map((i) => i.name);
    const next = (n: number) => `demo-v${n}`;
    let v = 1;
    while (existing.includes(next(v)) || existing.includes(next(v + 1))) v += 2;
    o.log(`3/12 loading ${next(v)} into embedded Chroma (default HNSW)`);
    const good = await loadSample({ target, source, backend, pointer, index: next(v), toolkitVersion: o.toolkitVersion });
    await promote({ target, backend, pointer, index: good.index });
    const benchOpts = {
      target,
      backend,
      pointer,
      queries: relative(dir, golden),
      sample: 'sample',
      cutoffs: [10, 100],
      concurrency: [1, 4, 16],
      rate: 'auto' as const,
      durationMs: (o.seconds ?? 4) * 1000,
      serialRequests: 500,
      warmupRequests: 50,
      timeoutMs: 10_000,
      seed: 'demo',
      tieTolerance: 1e-6,
      cwd: dir,
      cacheDir: join(dir, STATE_DIR, 'cache'),
      toolkitVersion: o.toolkitVersion,
      log: (line: string) => o.log(`    ${line}`),
    };
    o.log(`4/12 benchmarking ${good.index} (ground truth, quality, serial, sweep 1/4/16, open loop)`);
    const base = await runBench({ ...benchOpts, index: good.index });
    const baseDone = await finishReport(base, { outRoot: reports, gateFlags: {}, cwd: o.cwd });

    o.log(`5/12 loading ${next(v + 1)} with a worse HNSW setting ${JSON.stringify(WORSE_HNSW)}`);
    const bad = await loadSample({ target, source, backend, pointer, index: next(v + 1), settings: WORSE_HNSW, toolkitVersion: o.toolkitVersion });
    o.log(`6/12 benchmarking ${bad.index} against ${good.index} as the baseline`);
    const cand = await runBench({ ...benchOpts, index: bad.index });
    const candDone = await finishReport(cand, { outRoot: reports, baseline: baseDone.paths.json, gateFlags: {}, cwd: o.cwd });
    act1 = {
      dir: rel(dir),
      sample: { dir: rel(sampleDir), rows: m.counts.sample_rows, stratified: m.counts.stratified, edgeCases: m.counts.edge_cases, rejected: m.counts.rows_rejected },
      baseline: { index: good.index, report: baseDone.paths.json, html: baseDone.paths.html, verdict: baseDone.report.verdict.status },
      candidate: { index: bad.index, report: candDone.paths.json, html: candDone.paths.html, verdict: candDone.report.verdict.status, regressions: candDone.report.verdict.regressions },
      index: candDone.paths.index,
    };
  } finally {
    await backend.close();
  }
  // act two runs on its own embedded server (its own project folder): one server per data folder
  const docs = o.docs ?? DEMO_DOCS;
  const documents = docs > 0 ? await runDocumentsAct({ dir: join(dir, 'documents'), reports, cwd: o.cwd, docs, seconds: Math.max(1, Math.round((o.seconds ?? 4) / 2)), toolkitVersion: o.toolkitVersion, log: o.log }) : null;
  return { ...act1, documents };
}
