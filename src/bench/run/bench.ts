/**
 * `vecstage bench`: quality pass + latency passes against an environment's index, assembled into a Report.
 * Order: resolve the index and check every rule (sealed, embedding contract) -> ground truth -> quality pass ->
 * warm-up, serial (tinybench), closed-loop sweep, open-loop at a target rate -> report.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { VecstageError } from '../../errors.js';
import type { ResolvedEnv } from '../../config/types.js';
import type { VectorBackend, VectorIndex } from '../../backends/types.js';
import type { PointerStore } from '../../pointer/types.js';
import { checkSealed } from '../../safety/sealed.js';
import { checkContract, contractSide } from '../../safety/contract.js';
import { readGolden } from '../../golden/read.js';
import { groundTruth } from '../../truth/run.js';
import { computeTruth } from '../../truth/compute.js';
import { loadCorpus, type Corpus } from '../../truth/corpus.js';
import { readTruthFile, type TruthFileRow } from '../../arrow/index.js';
import { runOpenLoop, runSerial, runSweep, runWarmup, type QueryFn } from '../latency/index.js';
import { resolveRunnerOptions } from '../latency/options.js';
import type { Report, Verdict } from '../../report/types.js';
import { REPORT_SCHEMA_VERSION } from '../../report/types.js';
import { runQualityPass } from './quality-pass.js';
import { backendEndpoint, libraryVersions, machineFingerprint } from './fingerprint.js';
import { scanCorpus } from './scan-corpus.js';
import { embedTextQueries } from './embed-queries.js';
import { strategyInfo } from './strategy-info.js';
import { DOC_FIELD } from '../../build/chunk-record.js';
import { recordCalls, selectivitySection } from '../filters/index.js';
import { CHUNKS_DIR, buildDir } from '../../build/build-state.js';

export interface BenchOptions {
  target: ResolvedEnv;
  backend: VectorBackend;
  pointer: PointerStore;
  /** default: the env's live index (its pointer) */
  index?: string | undefined;
  queries: string;
  /** the sample the index was loaded from; exact truth and true distances come from it */
  sample?: string | undefined;
  /** a ground truth file from `vecstage truth` (its sample is still needed for true distances) */
  truth?: string | undefined;
  cutoffs: number[];
  concurrency: number[];
  /** open-loop target rate; "auto" = half the best closed-loop QPS; null skips the pass */
  rate: number | 'auto' | null;
  durationMs: number;
  serialRequests: number;
  warmupRequests: number;
  timeoutMs: number;
  seed: string;
  tieTolerance: number;
  allowSealed?: boolean;
  processEnv?: NodeJS.ProcessEnv;
  cwd: string;
  cacheDir?: string | undefined;
  suite?: string | undefined;
  /** the pipeline that embeds text-only golden queries; @default the one that built the index */
  pipeline?: string | undefined;
  /** document mode: the chunk metadata field naming each chunk's document; @default doc_id when a pipeline built the index */
  docField?: string | undefined;
  toolkitVersion: string;
  log?: (line: string) => void;
  now?: () => Date;
}

export async function runBench(o: BenchOptions): Promise<Report> {
  const log = o.log ?? (() => {});
  const { config, env } = o.target;
  checkSealed({ env, operation: 'bench', allowSealedFlag: o.allowSealed === true, processEnv: o.processEnv ?? process.env });
  const live = (await o.pointer.read()).current;
  const indexName = o.index ?? live ?? undefined;
  if (!indexName) throw new VecstageError('INPUT', `environment "${env.name}" has no live index; pass --index <name-vN> or promote one first`);
  const index = await o.backend.openIndex(indexName);
  const info = await index.describe();
  checkContract(contractSide(`environment "${env.name}"`, config.embedding), contractSide(`index "${indexName}"`, { ...info.provenance, dimension: info.dimension, metric: info.metric }));
  const metric = info.metric;
  const prov = info.provenance;
  const golden = await readGolden(resolve(o.cwd, o.queries), { dimension: info.dimension, shownAs: o.queries, textOnly: true });
  const embedded = await embedTextQueries(golden.queries, {
    config,
    pipeline: o.pipeline ?? prov?.pipeline,
    target: `index "${indexName}"`,
    queriesShown: o.queries,
    dimension: info.dimension,
    processEnv: o.processEnv ?? process.env,
  });
  if (embedded) golden.dimension = info.dimension;
  if (embedded) log(`embedded ${embedded.embedded + embedded.cacheHits} text-only queries with pipeline "${embedded.pipeline}" (${embedded.cacheHits} from the cache, ${embedded.calls} calls)`);
  const k = Math.max(...o.cutoffs);
  const docField = o.docField ?? (prov?.pipeline ? DOC_FIELD : undefined);

  // ground truth and the corpus true distances come from
  let corpus: Corpus;
  let truthRows: TruthFileRow[];
  let truthInfo: Report['fingerprint']['truth'];
  // an index vecstage build made here has its chunk sample in the build folder: exact truth needs no flag
  const built = prov?.pipeline ? join(buildDir(config.dir, env.name, indexName), CHUNKS_DIR) : undefined;
  const samplePath = o.sample ?? (!o.truth && built && existsSync(join(built, 'manifest.json')) ? relative(o.cwd, built) || '.' : undefined);
  if (samplePath && !o.sample && !o.truth) log(`chunk sample of ${indexName}: ${samplePath}`);
  if (o.truth) {
    const t = await readTruthFile(resolve(o.cwd, o.truth));
    if (t.meta.k < k) throw new VecstageError('INPUT', `ground truth ${o.truth} has k=${t.meta.k}, the bench needs at least ${k}; rerun vecstage truth --k ${k}`);
    if (t.meta.queriesHash !== golden.sha256) throw new VecstageError('INPUT', `ground truth ${o.truth} was computed for other golden queries (hash ${t.meta.queriesHash.slice(0, 12)}, ${o.queries} is ${golden.sha256.slice(0, 12)})`);
    corpus = await loadCorpus(resolve(o.cwd, samplePath ?? t.meta.sample));
    truthRows = t.rows;
    truthInfo = { path: o.truth, sampleManifestHash: t.meta.sampleManifestHash, k: t.meta.k };
  } else if (samplePath) {
    log(`ground truth: exact top-${k} over ${samplePath}`);
    const t = await groundTruth({ sample: samplePath, queries: golden, k, metric, cacheDir: o.cacheDir, cwd: o.cwd });
    corpus = t.corpus ?? (await loadCorpus(resolve(o.cwd, samplePath)));
    truthRows = t.rows;
    // relative to the cwd: a report is shared (CI artifacts), this machine's absolute paths do not belong in it
    truthInfo = { path: t.path ? relative(o.cwd, t.path) || t.path : null, sampleManifestHash: t.meta.sampleManifestHash, k };
  } else {
    log(`ground truth: no --sample given, scanning ${info.count} records of ${indexName} for exact search`);
    corpus = await scanCorpus(index, info.count);
    truthRows = computeTruth(corpus, golden.queries, { k, metric });
    truthInfo = { path: null, sampleManifestHash: info.provenance?.sampleManifestHash ?? null, k };
  }
  if (info.provenance?.sampleManifestHash && truthInfo.sampleManifestHash && info.provenance.sampleManifestHash !== truthInfo.sampleManifestHash) {
    log(`warning: ${indexName} was loaded from sample ${info.provenance.sampleManifestHash.slice(0, 12)}, the ground truth is over ${truthInfo.sampleManifestHash.slice(0, 12)}; recall compares different data`);
  }

  log(`quality pass: ${golden.queries.length} queries, top-${k}`);
  const quality = await runQualityPass({
    index,
    queries: golden.queries,
    truth: new Map(truthRows.map((r) => [r.queryId, r])),
    corpus,
    metric,
    cutoffs: o.cutoffs,
    tieTolerance: o.tieTolerance,
    timeoutMs: o.timeoutMs,
    documents: docField ? { field: docField } : undefined,
  });
  const strategy = prov?.pipeline ? await strategyInfo({ ...prov, pipeline: prov.pipeline }, info.count, buildDir(config.dir, env.name, indexName)) : undefined;

  // latency passes: the same golden queries, each pass starting where the last stopped
  const queryFn = makeQueryFn(index, golden.queries, k);
  const common = { queryCount: golden.queries.length, timeoutMs: o.timeoutMs, bootstrap: { resamples: 1000, confidence: 0.95, seed: o.seed } };
  log(`warm-up: ${o.warmupRequests} requests`);
  const warmup = await runWarmup(queryFn, resolveRunnerOptions({ ...common, warmup: { requests: o.warmupRequests } }, 'warm-up'));
  log(`serial pass: ${o.serialRequests} requests (tinybench)`);
  // filtered queries: the serial pass's latencies are handed back to their queries for the selectivity bands
  const serialCalls = golden.queries.some((q) => q.filter) ? recordCalls(queryFn) : undefined;
  const serial = await runSerial(serialCalls?.fn ?? queryFn, { ...common, warmup: false, iterations: o.serialRequests });
  log(`closed-loop sweep: concurrency ${o.concurrency.join(', ')}, ${(o.durationMs / 1000).toFixed(0)}s each`);
  const sweep = await runSweep(queryFn, { ...common, warmup: false, concurrency: o.concurrency, durationMs: o.durationMs });
  // open loop: with --rate auto, three rates at 25/50/75% of the best closed-loop QPS show how latency grows
  // with offered load (the 50% pass is the headline); with a fixed --rate, that one rate
  let rate: number | null = null;
  let rates: number[] = [];
  if (o.rate === 'auto') {
    const best = Math.max(...sweep.levels.map((l) => l.qps));
    if (best > 0) {
      rates = [...new Set([0.25, 0.5, 0.75].map((f) => Math.max(1, Math.round(best * f))))];
      rate = Math.max(1, Math.round(best / 2));
    }
  } else if (o.rate !== null) {
    rate = o.rate;
    rates = [o.rate];
  }
  let openLoop = null;
  const openLoopRates = [];
  for (const r of rates) {
    log(`open-loop pass: ${r} requests/s for ${(o.durationMs / 1000).toFixed(0)}s (latency from each request's intended start)`);
    const pass = await runOpenLoop(queryFn, { ...common, warmup: false, rate: r, durationMs: o.durationMs, seed: `${o.seed}:${r}`, arrival: 'poisson' });
    openLoopRates.push(pass);
    if (r === rate) openLoop = pass;
  }

  const selectivity = selectivitySection({
    queries: golden.queries,
    metadata: corpus.metadata,
    source: samplePath || o.truth ? 'sample' : 'index',
    perQuery: quality.perQuery,
    returned: quality.returned,
    serialLatencies: serialCalls?.byQuery(serial.samplesMs, golden.queries.length),
    k,
    cutoffs: o.cutoffs,
  });
  if (serialCalls && selectivity?.latencyFrom === null) log('warning: serial-pass latencies could not be matched to queries; selectivity bands show no latency');

  const createdAt = (o.now ?? (() => new Date()))().toISOString();
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId: `${createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${indexName}-${randomBytes(3).toString('hex')}`,
    createdAt,
    ...(o.suite ? { suite: o.suite } : {}),
    fingerprint: {
      env: env.name,
      backend: { kind: o.backend.kind, version: await o.backend.version(), endpoint: backendEndpoint(env.backend) },
      index: { name: indexName, dimension: info.dimension, metric, count: info.count, provenance: info.provenance ?? null, live: live === indexName },
      client: { vecstage: o.toolkitVersion, node: process.version, libraries: libraryVersions() },
      machine: machineFingerprint(),
      configHash: config.hash,
      queries: { path: o.queries, sha256: golden.sha256, count: golden.queries.length },
      truth: truthInfo,
    },
    settings: {
      k,
      cutoffs: o.cutoffs,
      concurrency: o.concurrency,
      rate,
      durationMs: o.durationMs,
      warmupRequests: o.warmupRequests,
      timeoutMs: o.timeoutMs,
      seed: o.seed,
      tieTolerance: o.tieTolerance,
    },
    latency: { warmup, serial: { ...serial, samplesMs: serial.samplesMs.map((x) => Math.round(x * 1000) / 1000) }, sweep, openLoop, ...(openLoopRates.length > 1 ? { openLoopRates } : {}) },
    quality: quality.section,
    perQuery: quality.perQuery,
    verdict: standaloneVerdict(quality.section.queries, quality.section.errored),
    ...(quality.documents ? { documents: quality.documents } : {}),
    ...(strategy ? { strategy } : {}),
    ...(selectivity ? { selectivity } : {}),
  };
  return report;
}

function makeQueryFn(index: VectorIndex, queries: readonly { embedding: Float32Array; filter: Record<string, unknown> | null }[], k: number): QueryFn {
  return async (i) => {
    const q = queries[i]!;
    return index.query({ vector: q.embedding, topK: k, ...(q.filter ? { filter: q.filter } : {}) });
  };
}

/** Without a baseline the verdict says whether the run could measure at all. */
export function standaloneVerdict(ok: number, errored: number): Verdict {
  if (ok === 0) return { status: 'error', summary: `every golden query failed (${errored} errors); nothing was measured`, regressions: [] };
  return { status: 'pass', summary: `measured ${ok} queries${errored ? ` (${errored} errored, counted)` : ''}; no baseline to compare against`, regressions: [] };
}
