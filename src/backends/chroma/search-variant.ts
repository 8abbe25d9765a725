/**
 * Search-time settings for bench --sweep on Chroma. `collection.modify({ configuration: { hnsw: { ef_search } } })`
 * is accepted by chromadb 3, but a single-node Chroma server (embedded, `chroma run`, the 1.0.x server this package
 * pins) applies it only when it next loads the HNSW index from disk, i.e. after a restart: measured on 4000 x 32
 * random vectors, recall@10 stayed 0.15 after modify(ef_search 4 -> 200) and became 0.74 after a restart, and the
 * changed setting then stays on the index. So a sweep never modifies the benched index (it may be live, and a
 * modify would silently measure the old setting while changing the index's future behaviour). Each point is a
 * scratch copy of the collection, created with the point's setting and the source's build settings, its records
 * copied from the source itself, dropped after the point. Copies are separate HNSW builds: Chroma's graph is not
 * reproducible between builds (two copies with equal settings return different neighbours), so part of the
 * difference between points is build noise; the report says so.
 */
import { VecstageError } from '../../errors.js';
import type { IndexProvenance, SearchVariant } from '../types.js';
import type { ChromaClient, ChromaCollection, ChromaRecordMetadata } from './client.js';
import { type BatchSizing, chunkRecords } from './batches.js';
import type { ChromaIndex, Guard } from './chroma-index.js';
import { metadataToProvenance, provenanceToMetadata, PREFIX } from './provenance.js';
import type { HnswSettings } from './settings.js';

export const SEARCH_KEYS = ['ef_search'] as const;
/** build settings a settings sweep may vary (the rest of hnswSettings are tuning knobs that do not change the graph) */
export const BUILD_KEYS = ['max_neighbors', 'ef_construction'] as const;
const SWEEP_OF = `${PREFIX}sweepOf`;
const HNSW_KEYS = ['ef_construction', 'max_neighbors', 'ef_search', 'num_threads', 'batch_size', 'sync_threshold', 'resize_factor'] as const;

export const VARIANT_METHOD =
  'each point is a scratch copy of the index built with the point\'s setting (Chroma applies a changed ef_search only after a server restart); copies are separate HNSW builds, so points differ by build noise as well';

interface Deps {
  client: ChromaClient;
  guard: Guard;
  sizing: BatchSizing;
  getCollection(name: string, what: string): Promise<ChromaCollection>;
  open(c: ChromaCollection): ChromaIndex;
}

export async function currentSearchSettings(deps: Deps, source: string): Promise<Record<string, number | null>> {
  const c = await deps.getCollection(source, `reading the settings of "${source}"`);
  const hnsw = (c.configuration?.hnsw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(SEARCH_KEYS.map((k) => [k, typeof hnsw[k] === 'number' ? (hnsw[k] as number) : null]));
}

/** hnswlib's searchKnn explores max(ef, k) candidates, so an ef_search below the query's k measures ef_search = k. */
export function searchNotes(settings: Record<string, number>, k: number): string[] {
  const ef = settings.ef_search;
  return ef !== undefined && ef < k ? [`ef_search=${ef} is below k=${k}: hnswlib searches with max(ef_search, k), so this point measures ef_search=${k}`] : [];
}

/** The scratch copy's name: `<source>.sweep-<key>-<value>` (never a version name, so `load` never picks it). */
export function variantName(source: string, settings: Record<string, number>): string {
  return `${source}.sweep-${Object.entries(settings).map(([k, v]) => `${k}-${v}`).join('-')}`;
}

export async function makeVariant(deps: Deps, source: string, settings: Record<string, number>): Promise<SearchVariant> {
  for (const k of Object.keys(settings)) {
    if (!(SEARCH_KEYS as readonly string[]).includes(k)) throw new VecstageError('USAGE', `invalid sweep setting: ${JSON.stringify(k)} (chroma); allowed: ${SEARCH_KEYS.join(', ')}`);
  }
  const started = performance.now();
  const src = await deps.getCollection(source, `opening index "${source}"`);
  const srcIndex = deps.open(src);
  const name = variantName(source, settings);
  await dropLeftover(deps, name, source);
  const hnsw: Record<string, unknown> = {};
  const from = (src.configuration?.hnsw ?? {}) as Record<string, unknown>;
  for (const k of HNSW_KEYS) if (typeof from[k] === 'number') hnsw[k] = from[k];
  const configuration = { hnsw: { ...hnsw, ...settings, space: srcIndex.metric } as HnswSettings };
  const metadata = { ...(src.metadata ?? {}), [SWEEP_OF]: source };
  const copy = await deps.guard(`creating the sweep copy "${name}"`, () => deps.client.createCollection({ name, embeddingFunction: null, metadata, configuration }));
  try {
    await copyRecords(deps, src, copy, srcIndex.dimension, name);
  } catch (err) {
    await deps.guard(`dropping the sweep copy "${name}"`, () => deps.client.deleteCollection({ name })).catch(() => {});
    throw err;
  }
  return {
    index: deps.open(copy),
    name,
    seconds: (performance.now() - started) / 1000,
    release: () => deps.guard(`dropping the sweep copy "${name}"`, () => deps.client.deleteCollection({ name })),
  };
}

/** A copy left by an interrupted sweep of the same source is ours to drop; anything else by that name is not. */
async function dropLeftover(deps: Deps, name: string, source: string): Promise<void> {
  let old: ChromaCollection;
  try {
    old = await deps.client.getCollection({ name });
  } catch {
    return;
  }
  if (old.metadata?.[SWEEP_OF] !== source) {
    throw new VecstageError('REFUSED', `refused: a collection "${name}" exists and is not a sweep copy of "${source}"; rename or drop it before sweeping`);
  }
  await deps.guard(`dropping the leftover sweep copy "${name}"`, () => deps.client.deleteCollection({ name }));
}

async function copyRecords(deps: Deps, src: ChromaCollection, dst: ChromaCollection, dimension: number, name: string): Promise<void> {
  // responses carry embeddings as JSON numbers (about 20 bytes each): pages stay within the byte budget too
  const step = Math.max(1, Math.min(deps.sizing.records, Math.floor(deps.sizing.bytes / (dimension * 20 + 256))));
  const total = await deps.guard(`counting "${src.name}"`, () => src.count());
  for (let offset = 0; offset < total; offset += step) {
    const page = await deps.guard(`reading "${src.name}" for the sweep copy`, () => src.get({ limit: step, offset, include: ['embeddings', 'metadatas'] }));
    const records = page.ids.map((id, i) => ({ id, values: Float32Array.from(page.embeddings[i] ?? []), metadata: (page.metadatas[i] ?? undefined) as Record<string, string | number | boolean> | undefined }));
    for (const chunk of chunkRecords(records, dimension, deps.sizing)) {
      const hasMetadata = chunk.some((r) => r.metadata && Object.keys(r.metadata).length > 0);
      await deps.guard(`writing the sweep copy "${name}"`, () =>
        dst.add({
          ids: chunk.map((r) => r.id),
          embeddings: chunk.map((r) => Array.from(r.values)),
          ...(hasMetadata ? { metadatas: chunk.map((r) => (r.metadata && Object.keys(r.metadata).length ? r.metadata : null)) as ChromaRecordMetadata[] } : {}),
        }),
      );
    }
    if (page.ids.length < step) break;
  }
  const copied = await deps.guard(`counting "${name}"`, () => dst.count());
  if (copied !== total) throw new VecstageError('CHECK_FAILED', `the sweep copy "${name}" holds ${copied} records, its source "${src.name}" ${total}`);
}

/**
 * hnswlib's memory layout (Malkov & Yashunin; hnswlib's HierarchicalNSW): per element, level 0 keeps 2M links of
 * 4 bytes plus a count, the vector (4 bytes a value) and an 8-byte label; an element reaches level l >= 1 with
 * probability M^-l, so upper levels add (M*4 + 4) / (M - 1) bytes on average. Chroma's defaults: M = 16.
 */
export function estimateHnswBytes(rows: number, dimension: number, settings: Record<string, unknown>): { bytes: number; method: string } {
  const m = typeof settings.max_neighbors === 'number' ? settings.max_neighbors : 16;
  const level0 = 2 * m * 4 + 4 + dimension * 4 + 8;
  const upper = m > 1 ? (m * 4 + 4) / (m - 1) : 0;
  return { bytes: Math.round(rows * (level0 + upper)), method: 'hnswlib layout estimate: rows x (2M links + vector + label) + upper levels' };
}

export async function annotateProvenance(deps: Deps, name: string, extra: Partial<IndexProvenance>): Promise<void> {
  const c = await deps.getCollection(name, `annotating index "${name}"`);
  const p = metadataToProvenance(c.metadata);
  if (!p) throw new VecstageError('INPUT', `index "${name}" has no vecstage provenance to annotate`);
  const metadata = { ...(c.metadata ?? {}), ...provenanceToMetadata({ ...p, ...extra }) };
  await deps.guard(`annotating index "${name}"`, () => c.modify({ metadata }));
}
