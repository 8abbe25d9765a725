/**
 * `vecstage build`: raw documents -> chunks -> embeddings -> a new versioned index, in one resumable job.
 *
 * Stages, each leaving something a resume can stand on:
 *   0. refusals first (sealed rules, the pipeline's declared embedding contract, the live index, a taken name)
 *   1. documents: a document sample as is, or a raw export imported whole (validated, rejects listed)
 *   2. chunk + embed, streamed in groups: every vector lands in the on-disk embedding cache as it is paid for, and
 *      the chunks with their vectors go to a chunk sample (an ordinary sample folder) renamed into place at the end
 *   3. load the chunk sample with the loader (batched, retried, checkpointed, verified)
 * The index is created only in stage 3, after every chunk was cut and embedded: a chunker that throws or an
 * embedder of the wrong dimension leaves no index behind, and nothing half-built can become live.
 * A killed build resumes with --resume: stage 2 re-runs from the cache (it is deterministic, so the chunk sample
 * comes out byte-identical) unless its sample is complete, and stage 3 continues from the loader's checkpoint.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { VecstageError } from '../errors.js';
import { STATE_DIR, configRelative } from '../config/index.js';
import { checkPipelineContract } from '../config/pipeline-contract.js';
import type { ResolvedEnv } from '../config/types.js';
import type { IndexProvenance, VectorBackend } from '../backends/types.js';
import type { PointerStore } from '../pointer/types.js';
import { checkNotLive, checkOrigin, checkSealed } from '../safety/sealed.js';
import { checkVersionName, nextVersionName } from '../load/versions.js';
import { loadSample, type LoadResult } from '../load/loader.js';
import { openSampleSource } from '../load/arrow-source.js';
import { detectGeneratedExport, importRows, isDocumentSample, openDocumentSample, type DocumentSample, type DocumentSampleRow } from '../sampler/index.js';
import type { ColumnMapping } from '../sampler/spec/spec-types.js';
import type { InputFormat } from '../sampler/types.js';
import { createChunker, toChunks } from '../pipeline/chunk/index.js';
import { createEmbedder, createTokenBucket, embedTexts, openEmbedCache } from '../pipeline/embed/index.js';
import { createBudget } from '../load/retry.js';
import type { Chunk, PipelineConfig } from '../pipeline/types.js';
import { MANIFEST_FILE } from '../arrow/index.js';
import { chunkMetadata } from './chunk-record.js';
import { openChunkSampleWriter, type ChunkManifest } from './chunk-sample.js';
import { describeChunker, describeEmbedder, portableChunker } from './describe-pipeline.js';
import { CHUNKS_DIR, DOCUMENTS_DIR, buildDir, findUnfinished, writeBuildRecord, type BuildRecord } from './build-state.js';

export interface BuildOptions {
  target: ResolvedEnv;
  backend: VectorBackend;
  pointer: PointerStore;
  /** a document sample folder (`vecstage sample` of a document export), or a raw document export file */
  input: string;
  /** a name from the config's `pipelines` */
  pipeline: string;
  /** `<base>-v<N>`; default: the next version */
  index?: string | undefined;
  resume?: boolean;
  allowSealed?: boolean;
  processEnv?: NodeJS.ProcessEnv;
  cwd: string;
  /** raw exports: format and column mapping, as for `vecstage import` */
  format?: InputFormat | undefined;
  columns?: Partial<ColumnMapping> | undefined;
  /** embedding calls started per second, at most; @default unlimited */
  maxEmbedRps?: number | undefined;
  /** upsert calls started per second, at most; @default unlimited */
  maxWriteRps?: number | undefined;
  /** records per upsert; @default the backend's limit */
  batch?: number | undefined;
  /** upserts in flight; @default 4 */
  concurrency?: number | undefined;
  /** adapter build settings (Chroma HNSW) */
  settings?: Record<string, unknown> | undefined;
  /** chunks embedded per group (one cache flush and one batch of rows written per group); @default 2048 */
  groupSize?: number;
  toolkitVersion: string;
  log?: (line: string) => void;
  onProgress?: (stage: 'chunk+embed' | 'load', done: number, total: number) => void;
  now?: () => Date;
}

export interface BuildResult {
  env: string;
  index: string;
  pipeline: string;
  resumed: boolean;
  documents: { source: string; rows: number; manifestHash: string; origin: string; withoutChunks: number };
  chunks: { dir: string; count: number; meanChars: number; maxChars: number };
  embed: NonNullable<BuildRecord['embed']>;
  load: LoadResult | null;
  seconds: NonNullable<BuildRecord['seconds']>;
  size: NonNullable<BuildRecord['size']>;
  record: string;
}

export async function runBuild(o: BuildOptions): Promise<BuildResult> {
  const { config, env } = o.target;
  const processEnv = o.processEnv ?? process.env;
  const log = o.log ?? (() => {});
  const now = o.now ?? (() => new Date());
  const rel = (p: string) => relative(o.cwd, p) || '.';
  const t0 = performance.now();

  // 0. refusals that need no data
  const pipeline = config.pipelines[o.pipeline];
  if (!pipeline) {
    const names = Object.keys(config.pipelines);
    throw new VecstageError('USAGE', `invalid --pipeline: ${JSON.stringify(o.pipeline)} (${config.path ? rel(config.path) : 'built-in config'}); allowed: ${names.length ? names.join(', ') : 'none: add a "pipelines" section to vecstage.config.json'}`);
  }
  checkSealed({ env, operation: 'build', allowSealedFlag: o.allowSealed === true, processEnv });
  checkPipelineContract(pipeline, config.embedding, `environment "${env.name}" (the config's embedding section)`);
  const inputPath = resolve(o.cwd, o.input);
  if (!existsSync(inputPath)) throw new VecstageError('INPUT', `build input not found: ${o.input}; allowed: a document sample folder (vecstage sample of a document export) or a raw document export (CSV, JSONL, Arrow)`);
  const inputIsSample = statSync(inputPath).isDirectory() || (await isDocumentSample(inputPath));
  if (inputIsSample && !(await isDocumentSample(inputPath))) {
    throw new VecstageError('INPUT', `${o.input} is not a document sample (it holds embeddings, or no manifest.json with kind "documents"); load a vector sample with \`vecstage load\`, or give build a document sample or a raw document export`);
  }
  if (inputIsSample && env.sealed) {
    throw new VecstageError('REFUSED', `refused: build of sealed environment "${env.name}" from the sample ${o.input}; a sealed env is rebuilt from the full raw export, never from a sample`, { details: { env: env.name, input: o.input } });
  }
  // generated documents are refused before the whole export is imported (the import records the same origin)
  const generated = !inputIsSample && env.sealed ? detectGeneratedExport(inputPath) : undefined;
  if (generated) {
    throw new VecstageError('REFUSED', `refused: ${o.input} holds ${generated.origin} documents (${generated.because}) and environment "${env.name}" is sealed; only production's raw export may be built there, even with --allow-sealed and VECSTAGE_ALLOW_SEALED=1`, { details: { env: env.name, origin: generated.origin, input: o.input } });
  }

  // the name, and whether this continues an unfinished build
  const existing = await o.backend.listIndexes();
  const live = (await o.pointer.read()).current ?? undefined;
  const unfinished = o.resume ? await findUnfinished(config.dir, env.name, pipeline.name, o.index !== undefined ? checkVersionName(env.index, o.index) : undefined) : undefined;
  if (o.resume && !unfinished) {
    throw new VecstageError('INPUT', `--resume: no unfinished build of pipeline "${pipeline.name}" in environment "${env.name}" was found under ${rel(join(config.dir, STATE_DIR, 'builds', env.name))}; run the build without --resume`);
  }
  const index = unfinished?.index ?? (o.index !== undefined ? checkVersionName(env.index, o.index) : nextVersionName(env.index, existing.map((i) => i.name)));
  checkNotLive(env, index, live, 'build');
  const present = existing.find((i) => i.name === index);
  if (present && !unfinished) {
    throw new VecstageError('REFUSED', `refused: index "${index}" already exists in environment "${env.name}" (${present.count} records); choose another --index, or drop it first`, { details: { index } });
  }
  const dir = buildDir(config.dir, env.name, index);
  const record: BuildRecord = unfinished ?? {
    version: 1,
    env: env.name,
    index,
    pipeline: pipeline.name,
    input: o.input,
    documentsManifestHash: null,
    status: 'chunking',
    startedAt: now().toISOString(),
    updatedAt: now().toISOString(),
  };
  if (unfinished && resolve(o.cwd, unfinished.input) !== inputPath && unfinished.input !== o.input) {
    throw new VecstageError('REFUSED', `refused: --resume of "${index}" with another input: the build started from ${unfinished.input}, this run names ${o.input}`);
  }
  await writeBuildRecord(dir, record);

  // 1. documents
  const tImport = performance.now();
  let docs: DocumentSample;
  if (inputIsSample) docs = await openDocumentSample(inputPath, o.cwd);
  else {
    const docDir = join(dir, DOCUMENTS_DIR);
    const reuse = unfinished && existsSync(join(docDir, MANIFEST_FILE));
    if (!reuse) {
      log(`importing every document of ${o.input} (validated; rejects listed in ${rel(join(docDir, 'rejects.jsonl'))})`);
      await importRows({ input: inputPath, out: docDir, cwd: o.cwd, documents: true, ...(o.format ? { format: o.format } : {}), ...(o.columns ? { columns: o.columns } : {}) });
    }
    docs = await openDocumentSample(docDir, o.cwd);
  }
  const importSeconds = (performance.now() - tImport) / 1000;
  checkOrigin(env, docs.origin, inputIsSample ? docs.dir : o.input);
  if (docs.rows === 0) throw new VecstageError('INPUT', `${docs.dir} holds no documents; nothing to build`);
  if (record.documentsManifestHash !== null && record.documentsManifestHash !== docs.manifestHash) {
    throw new VecstageError('REFUSED', `refused: --resume of "${index}" with other documents: the build started from manifest ${record.documentsManifestHash.slice(0, 12)}, ${docs.dir} is ${docs.manifestHash.slice(0, 12)}`);
  }
  record.documentsManifestHash = docs.manifestHash;
  record.documents = docs.rows;

  // 2. chunk + embed into the chunk sample (skipped when a resumed build already finished it)
  const chunksDir = join(dir, CHUNKS_DIR);
  const tChunk = performance.now();
  let manifest: ChunkManifest;
  let embedStats: NonNullable<BuildRecord['embed']>;
  const finishedChunks = unfinished && record.status === 'loading' && existsSync(join(chunksDir, MANIFEST_FILE));
  if (finishedChunks && record.embed) {
    log(`chunks of ${index} were complete: ${rel(chunksDir)}`);
    manifest = JSON.parse(await readFile(join(chunksDir, MANIFEST_FILE), 'utf8')) as ChunkManifest;
    embedStats = record.embed;
  } else {
    const r = await chunkAndEmbed({ o, pipeline, docs, chunksDir, log });
    manifest = r.manifest;
    embedStats = r.embed;
  }
  const chunkSeconds = (performance.now() - tChunk) / 1000;
  Object.assign(record, {
    status: 'loading',
    updatedAt: now().toISOString(),
    chunks: manifest.counts.sample_rows,
    documentsWithoutChunks: manifest.counts.documents_without_chunks,
    chunkChars: { total: manifest.counts.chunk_chars_total, mean: manifest.counts.chunk_chars_mean, max: manifest.counts.chunk_chars_max },
    embed: embedStats,
  } satisfies Partial<BuildRecord>);
  await writeBuildRecord(dir, record);
  if (manifest.counts.sample_rows === 0) throw new VecstageError('INPUT', `pipeline "${pipeline.name}" cut no chunks from the ${docs.rows} documents of ${docs.dir} (every text empty?); nothing to load`);

  // 3. load the chunk sample
  const tLoad = performance.now();
  const source = await openSampleSource(chunksDir, o.cwd);
  const provenanceExtra: Partial<IndexProvenance> = {
    pipeline: pipeline.name,
    chunker: describeChunker(pipeline.chunker),
    ...(pipeline.chunker.kind === 'module' ? { chunkerSourceHash: pipeline.chunker.sourceHash } : {}),
    embedder: describeEmbedder(pipeline.embedder),
    documentsManifestHash: docs.manifestHash,
    documents: docs.rows,
  };
  const again = (await o.backend.listIndexes()).find((i) => i.name === index);
  let load: LoadResult | null = null;
  if (again && again.count === source.rows && again.provenance?.sampleManifestHash === source.manifestHash && !existsSync(loaderCheckpoint(config.dir, env.name, index))) {
    log(`${index} already holds all ${source.rows} chunks; nothing left to load`);
  } else {
    log(`loading ${source.rows} chunks into ${index}`);
    load = await loadSample({
      target: o.target,
      source,
      backend: o.backend,
      pointer: o.pointer,
      index,
      resume: again !== undefined,
      allowSealed: o.allowSealed,
      processEnv,
      toolkitVersion: o.toolkitVersion,
      settings: o.settings,
      batch: o.batch,
      concurrency: o.concurrency,
      maxWriteRps: o.maxWriteRps,
      provenanceExtra,
      operation: 'build',
      onProgress: (done, total) => o.onProgress?.('load', done, total),
    });
  }
  // the final count check, also when nothing was left to load
  const info = await (await o.backend.openIndex(index)).describe();
  if (info.count !== source.rows) {
    throw new VecstageError('CHECK_FAILED', `build of "${index}" did not verify: the index holds ${info.count} records, the chunk sample ${source.rows}; run the same command with --resume`);
  }
  const loadSeconds = (performance.now() - tLoad) / 1000;
  const seconds = { import: round(importSeconds), chunkAndEmbed: round(chunkSeconds), load: round(loadSeconds), total: round((performance.now() - t0) / 1000) };
  // a resumed build adds this run's time to what the first run spent
  if (unfinished?.seconds) for (const k of Object.keys(seconds) as (keyof typeof seconds)[]) seconds[k] = round(seconds[k] + unfinished.seconds[k]);
  const size = { vectorBytes: source.rows * source.dimension * 4, textBytes: manifest.counts.chunk_chars_total };
  Object.assign(record, { status: 'done', updatedAt: now().toISOString(), seconds, size } satisfies Partial<BuildRecord>);
  await writeBuildRecord(dir, record);
  return {
    env: env.name,
    index,
    pipeline: pipeline.name,
    resumed: unfinished !== undefined,
    documents: { source: docs.dir, rows: docs.rows, manifestHash: docs.manifestHash, origin: docs.origin, withoutChunks: manifest.counts.documents_without_chunks },
    chunks: { dir: rel(chunksDir), count: manifest.counts.sample_rows, meanChars: manifest.counts.chunk_chars_mean, maxChars: manifest.counts.chunk_chars_max },
    embed: embedStats,
    load,
    seconds,
    size,
    record: rel(join(dir, 'build.json')),
  };
}

function loaderCheckpoint(configDir: string, env: string, index: string): string {
  return join(configDir, STATE_DIR, 'checkpoints', env, `${index}.json`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

interface ChunkStageArgs {
  o: BuildOptions;
  pipeline: PipelineConfig;
  docs: DocumentSample;
  chunksDir: string;
  log: (line: string) => void;
}

/** Stage 2, streamed: documents in batches -> chunks -> groups of `groupSize` chunks embedded and written. */
async function chunkAndEmbed({ o, pipeline, docs, chunksDir, log }: ChunkStageArgs): Promise<{ manifest: ChunkManifest; embed: NonNullable<BuildRecord['embed']> }> {
  const { config } = o.target;
  const chunker = await createChunker(pipeline.chunker);
  const embedder = await createEmbedder(pipeline.embedder, { processEnv: o.processEnv ?? process.env });
  const cache = await openEmbedCache(configRelative(config, join(STATE_DIR, 'embed-cache')), embedder.identity, embedder.dimension);
  const dimension = config.embedding.dimension;
  const writer = openChunkSampleWriter(chunksDir, {
    kind: 'chunks',
    origin: docs.origin,
    toolkitVersion: o.toolkitVersion,
    pipeline: {
      name: pipeline.name,
      chunker: portableChunker(pipeline.chunker),
      embedder: { kind: pipeline.embedder.kind, model: embedder.model, dimension, identity: embedder.identity },
    },
    documents: { source: docs.dir, manifestHash: docs.manifestHash, rows: docs.rows },
    embedding: { model: config.embedding.model, dimension, metric: config.embedding.metric },
  });
  const groupSize = o.groupSize ?? 2048;
  // one rate limit and one retry budget for the whole build, not one per group
  const rateLimiter = o.maxEmbedRps !== undefined ? createTokenBucket(o.maxEmbedRps, { burst: 1 }) : undefined;
  const budget = createBudget(Math.max(50, Math.ceil(docs.rows / 10)));
  const embed = { calls: 0, embedded: 0, cacheHits: 0, tokens: 0, retries: 0, seconds: 0 };
  const counts = { documents: 0, documents_without_chunks: 0, chunk_chars_total: 0, chunk_chars_max: 0, zero_vectors: 0 };
  let group: Array<{ chunk: Chunk; doc: DocumentSampleRow }> = [];
  let docsDone = 0;

  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const items = group.map((p) => ({ key: p.chunk.id, text: p.chunk.text }));
    const t = performance.now();
    const r = await embedTexts(items, { embedder, cache, expectedDimension: dimension, contractLabel: `environment "${o.target.env.name}"`, budget, ...(rateLimiter ? { rateLimiter } : {}) });
    embed.seconds += (performance.now() - t) / 1000;
    embed.calls += r.stats.calls;
    embed.embedded += r.stats.embedded;
    embed.cacheHits += r.stats.cacheHits;
    embed.tokens += r.stats.tokens;
    embed.retries += r.stats.retries;
    for (let i = 0; i < group.length; i++) {
      const { chunk, doc } = group[i]!;
      const vector = r.vectors[i]!;
      if (isZero(vector)) counts.zero_vectors++;
      const pending = writer.add({
        id: chunk.id,
        embedding: vector,
        text: chunk.text,
        metadata: chunkMetadata(chunk, doc.metadata),
        stratum: doc.stratum,
        edgeTags: doc.edgeTags,
        inclusionProb: doc.inclusionProb,
        weight: doc.weight,
      });
      if (pending) await pending;
    }
    await cache.flush();
    group = [];
    o.onProgress?.('chunk+embed', docsDone, docs.rows);
  };

  try {
    for await (const batch of docs.documents(256)) {
      for (const doc of batch) {
        const pieces = await chunker.chunk(doc);
        const chunks = toChunks(doc, pieces);
        counts.documents++;
        if (chunks.length === 0) counts.documents_without_chunks++;
        for (const chunk of chunks) {
          counts.chunk_chars_total += chunk.text.length;
          counts.chunk_chars_max = Math.max(counts.chunk_chars_max, chunk.text.length);
          group.push({ chunk, doc });
        }
        docsDone++;
        if (group.length >= groupSize) await flush();
      }
    }
    await flush();
    const manifest = await writer.commit(counts);
    log(`chunked ${counts.documents} documents into ${manifest.counts.sample_rows} chunks; ${embed.embedded} embedded in ${embed.calls} calls, ${embed.cacheHits} from the cache`);
    return { manifest, embed: { ...embed, seconds: round(embed.seconds) } };
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    await cache.close();
    await embedder.close?.();
  }
}

function isZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}
