/**
 * `vecstage load`: a sample -> a new versioned index in an environment's backend.
 * Order matters: every check that can refuse (contract, sealed rules, live index, duplicate name) runs before the
 * first write. Upserts are batched to the backend's limits, run with bounded concurrency, retried with backoff
 * and jitter under a budget, and checkpointed so an interrupted load resumes where it stopped.
 */
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { VecstageError } from '../errors.js';
import type { ResolvedEnv } from '../config/types.js';
import { configRelative, STATE_DIR } from '../config/index.js';
import type { IndexProvenance, Metadata, VectorBackend, VectorIndex, VectorRecord } from '../backends/types.js';
import { checkContract, contractSide } from '../safety/contract.js';
import { checkNotLive, checkOrigin, checkSealed } from '../safety/sealed.js';
import type { PointerStore } from '../pointer/types.js';
import { checkVersionName, nextVersionName } from './versions.js';
import { DEFAULT_RETRY, type RetryPolicy, createBudget, withRetry } from './retry.js';
import { type Checkpoint, readCheckpoint, removeCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { SampleSource } from './source.js';
import { createTokenBucket } from '../pipeline/embed/token-bucket.js';

export interface LoadOptions {
  target: ResolvedEnv;
  source: SampleSource;
  backend: VectorBackend;
  pointer: PointerStore;
  /** `<base>-v<N>`; default: the next version */
  index?: string | undefined;
  /** records per upsert; default and maximum: the backend's limit */
  batch?: number | undefined;
  /** upserts in flight; default 4 */
  concurrency?: number | undefined;
  resume?: boolean;
  allowSealed?: boolean;
  processEnv?: NodeJS.ProcessEnv;
  toolkitVersion: string;
  /** adapter build settings, e.g. Chroma HNSW parameters */
  settings?: Record<string, unknown> | undefined;
  retry?: RetryPolicy;
  /** retries allowed for the whole load; default max(50, batches) */
  retryBudget?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
  /** provenance fields a caller adds (`vecstage build`: pipeline, chunker, embedder, documents) */
  provenanceExtra?: Partial<IndexProvenance> | undefined;
  /** at most this many upsert calls started per second (a cost control for prod rebuilds); @default unlimited */
  maxWriteRps?: number | undefined;
  /** the operation named in sealed-env refusals; @default load */
  operation?: 'load' | 'build';
}

export interface LoadResult {
  env: string;
  backend: string;
  index: string;
  rows: number;
  count: number;
  dimension: number;
  batches: number;
  batchSize: number;
  resumed: boolean;
  skippedBatches: number;
  retries: number;
  retriesByReason: Record<string, number>;
  seconds: number;
  vectorsPerSecond: number;
  provenance: IndexProvenance;
}

export async function loadSample(opts: LoadOptions): Promise<LoadResult> {
  const { target, source, backend } = opts;
  const { config, env } = target;
  const processEnv = opts.processEnv ?? process.env;
  const now = opts.now ?? (() => new Date());

  // 1. every refusal before any write
  checkSealed({ env, operation: opts.operation ?? 'load', allowSealedFlag: opts.allowSealed === true, processEnv });
  checkOrigin(env, source.origin, source.dir);
  const envSide = contractSide(`environment "${env.name}" (${config.path ? 'vecstage.config.json' : 'built-in config'})`, config.embedding);
  checkContract(envSide, { label: `the sample ${source.dir}`, model: source.model, dimension: source.dimension, metric: source.metric });
  if (source.rows === 0) throw new VecstageError('INPUT', `the sample ${source.dir} holds no rows; nothing to load`);
  // a backend that refuses zero vectors would fail mid-load and leave a partial index behind: refuse up front
  if (!backend.acceptsZeroVectors(config.embedding.metric) && (source.zeroVectors ?? 0) > 0) {
    throw new VecstageError(
      'INPUT',
      `the sample ${source.dir} holds ${source.zeroVectors} zero vectors (edge tag zero_vector) and ${backend.kind} rejects zero vectors in a ${config.embedding.metric} index (environment "${env.name}"); allowed: a sample without zero vectors, or a backend that stores them (chroma, memory)`,
      { details: { zeroVectors: source.zeroVectors } },
    );
  }

  // the budget's size is known once batches are sized (below); reads before that draw on it too: listing indexes
  // counts each one (Pinecone: a data-plane call that can answer 429/5xx like any other)
  const policy = opts.retry ?? DEFAULT_RETRY;
  const budget = createBudget(opts.retryBudget ?? 50);
  const existing = await withRetry(() => backend.listIndexes(), policy, budget);
  const name = opts.index !== undefined ? checkVersionName(env.index, opts.index) : opts.resume ? undefined : nextVersionName(env.index, existing.map((i) => i.name));
  const cpDir = configRelative(config, join(STATE_DIR, 'checkpoints', env.name));
  const resumeFrom = opts.resume ? await findCheckpoint(cpDir, name, source, env.name) : undefined;
  const indexName = name ?? resumeFrom?.index;
  if (indexName === undefined) throw new VecstageError('INPUT', `--resume: no interrupted load of ${source.dir} into environment "${env.name}" was found (${cpDir})`);
  checkNotLive(env, indexName, (await opts.pointer.read()).current ?? undefined, 'load');

  const metric = config.embedding.metric;
  const provenance: IndexProvenance = {
    model: config.embedding.model !== 'unknown' ? config.embedding.model : source.model,
    dimension: source.dimension,
    metric,
    sampleManifestHash: source.manifestHash,
    source: source.origin,
    rows: source.rows,
    toolkitVersion: opts.toolkitVersion,
    createdAt: now().toISOString(),
    ...opts.provenanceExtra,
  };
  const present = existing.find((i) => i.name === indexName);
  let index: VectorIndex;
  if (resumeFrom) {
    if (!present) throw new VecstageError('INPUT', `--resume: index "${indexName}" no longer exists in environment "${env.name}"; load again without --resume`);
    if (present.provenance?.sampleManifestHash !== source.manifestHash) {
      throw new VecstageError('REFUSED', `refused: --resume of "${indexName}" with a different sample: the index was loaded from manifest ${present.provenance?.sampleManifestHash?.slice(0, 12) ?? '(none)'}, ${source.dir} is ${source.manifestHash.slice(0, 12)}`);
    }
    checkContract(contractSide(`index "${indexName}"`, present), contractSide(`the sample ${source.dir}`, { dimension: source.dimension }));
    index = await backend.openIndex(indexName);
    Object.assign(provenance, { createdAt: present.provenance.createdAt });
  } else {
    if (present) {
      throw new VecstageError(
        'REFUSED',
        `refused: index "${indexName}" already exists in environment "${env.name}" (${present.count} records, loaded ${present.provenance?.createdAt ?? 'by another tool'}); choose another --index, or drop it first`,
        { details: { index: indexName } },
      );
    }
    index = await backend.createIndex({ name: indexName, dimension: source.dimension, metric, provenance, settings: opts.settings });
  }

  // 2. batches sized to the backend
  const limit = index.limits.records;
  const batchSize = Math.max(1, Math.min(opts.batch ?? limit, limit, resumeFrom?.batchSize ?? Infinity));
  const totalBatches = Math.ceil(source.rows / batchSize);
  const cpPath = join(cpDir, `${indexName}.json`);
  const cp: Checkpoint = resumeFrom ?? {
    version: 1,
    env: env.name,
    index: indexName,
    sampleDir: source.dir,
    manifestHash: source.manifestHash,
    batchSize,
    totalBatches,
    done: [],
    startedAt: now().toISOString(),
    updatedAt: now().toISOString(),
  };
  const done = new Set(cp.done);
  await writeCheckpoint(cpPath, cp);

  if (opts.retryBudget === undefined) budget.remaining = Math.max(50, totalBatches) - budget.used;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const started = performance.now();
  let loaded = done.size === totalBatches ? source.rows : Math.min(source.rows, done.size * batchSize);
  let skipped = 0;
  let lastSave = 0;
  // saves are chained: concurrent batch completions must not write the checkpoint at the same time
  let saving: Promise<void> = Promise.resolve();
  const save = (force: boolean): Promise<void> => {
    if (!force && performance.now() - lastSave < 500) return saving;
    lastSave = performance.now();
    saving = saving.then(() => {
      cp.done = [...done].sort((a, b) => a - b);
      cp.updatedAt = now().toISOString();
      return writeCheckpoint(cpPath, cp);
    });
    return saving;
  };

  // 3. bounded concurrency: at most `concurrency` upserts in flight; the reader waits for a free slot
  const inflight = new Set<Promise<void>>();
  // the same evenly paced token bucket as the embedding stage's --max-embed-rps
  const pace = opts.maxWriteRps !== undefined ? createTokenBucket(opts.maxWriteRps) : undefined;
  let failure: unknown;
  let seq = 0;
  for await (const rows of source.batches(batchSize)) {
    const b = seq++;
    if (failure) break;
    if (done.has(b)) {
      skipped++;
      continue;
    }
    const records = rows.map(toRecord);
    if (pace) await pace.take();
    const p = withRetry(() => index.upsert(records), policy, budget)
      .then(async () => {
        done.add(b);
        loaded += records.length;
        opts.onProgress?.(loaded, source.rows);
        await save(false);
      })
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= concurrency) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  await save(true);
  if (failure) {
    const e = failure instanceof VecstageError ? failure : new VecstageError('BACKEND_UNAVAILABLE', String((failure as Error)?.message ?? failure), { cause: failure });
    throw new VecstageError(
      e.code,
      `load of "${indexName}" stopped after ${done.size}/${totalBatches} batches: ${e.message}; run the same command with --resume to continue`,
      { cause: e, details: { ...e.details, index: indexName, batchesDone: done.size, totalBatches, retries: budget.used } },
    );
  }

  // 4. verify, then forget the checkpoint
  // verification reads go through the same retry policy: a 429 on the final count must not fail a finished load
  const count = await settledCount(() => withRetry(() => index.count(), policy, budget), source.rows);
  const info = await withRetry(() => index.describe(), policy, budget);
  if (count !== source.rows || info.dimension !== source.dimension) {
    throw new VecstageError('CHECK_FAILED', `load of "${indexName}" did not verify: the index holds ${count} records of dimension ${info.dimension}, the sample ${source.rows} of dimension ${source.dimension}`);
  }
  await removeCheckpoint(cpPath);
  const seconds = (performance.now() - started) / 1000;
  return {
    env: env.name,
    backend: backend.kind,
    index: indexName,
    rows: source.rows,
    count,
    dimension: info.dimension,
    batches: totalBatches,
    batchSize,
    resumed: resumeFrom !== undefined,
    skippedBatches: skipped,
    retries: budget.used,
    retriesByReason: budget.byReason,
    seconds,
    vectorsPerSecond: (source.rows - skipped * batchSize) / seconds,
    provenance: info.provenance ?? provenance,
  };
}

async function findCheckpoint(dir: string, name: string | undefined, source: SampleSource, env: string): Promise<Checkpoint | undefined> {
  const names = name ? [`${name}.json`] : await readdir(dir).catch(() => [] as string[]);
  for (const f of names.filter((n) => n.endsWith('.json'))) {
    const cp = await readCheckpoint(join(dir, f));
    if (cp && cp.manifestHash === source.manifestHash && cp.env === env) return cp;
  }
  return undefined;
}

/** Backends with eventually consistent counts (Pinecone serverless) get a few seconds to settle. */
async function settledCount(countOnce: () => Promise<number>, expected: number): Promise<number> {
  let count = await countOnce();
  for (let i = 0; i < 20 && count !== expected; i++) {
    await new Promise((r) => setTimeout(r, 250));
    count = await countOnce();
  }
  return count;
}

/** Sample rows become records; stratum and edge tags travel as metadata so results can be broken down. */
export function toRecord(row: { id: string; embedding: Float32Array; metadata: Record<string, unknown> | null; stratum: string; edgeTags: string[] }): VectorRecord {
  const metadata: Metadata = {};
  for (const [k, v] of Object.entries(row.metadata ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') metadata[k] = v;
    else if (v !== null && v !== undefined) metadata[k] = JSON.stringify(v);
  }
  metadata.vecstage_stratum = row.stratum;
  if (row.edgeTags.length > 0) metadata.vecstage_tags = row.edgeTags.join(',');
  return { id: row.id, values: row.embedding, metadata };
}

