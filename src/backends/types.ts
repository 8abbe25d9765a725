/**
 * The VectorIndex port. One interface; one folder per adapter (memory/, chroma/, pinecone/); one contract test
 * suite (test/backends/contract.ts) run against all of them.
 *
 * Distance convention, the same for every adapter (lower is closer), chosen to match Chroma's:
 *   cosine: 1 - cos(a, b)      ip: 1 - a.b      l2: squared Euclidean distance
 * Adapters convert their backend's scores to this (Pinecone returns similarities for cosine/dotproduct).
 */
import type { Metric } from '../config/types.js';

export type MetadataValue = string | number | boolean;
export type Metadata = Record<string, MetadataValue>;

/**
 * A metadata filter in the Mongo-style dialect that Chroma and Pinecone share:
 * `{ tenant: "acme" }`, `{ year: { $gte: 2020 } }`, `{ lang: { $in: ["de","fr"] } }`, `{ $and: [...] }`, `{ $or: [...] }`.
 * Operators: $eq $ne $gt $gte $lt $lte $in $nin $and $or.
 */
export type MetadataFilter = Record<string, unknown>;

export interface VectorRecord {
  id: string;
  values: Float32Array;
  metadata?: Metadata;
}

export interface QueryMatch {
  id: string;
  /** see the distance convention above */
  distance: number;
  metadata?: Metadata;
}

export interface QueryRequest {
  vector: Float32Array;
  topK: number;
  filter?: MetadataFilter;
  includeMetadata?: boolean;
}

/** What vecstage records on every index it creates (DESIGN §2). */
export interface IndexProvenance {
  model: string;
  dimension: number;
  metric: Metric;
  /** sha256 of the sample manifest the index was loaded from */
  sampleManifestHash?: string;
  /** where the rows came from: a sample of production, fixtures, synthetic data */
  source?: 'production' | 'fixture' | 'synthetic' | 'unknown';
  toolkitVersion: string;
  createdAt: string;
  /** rows the index should hold when the load is complete (checked by promote) */
  rows?: number;
  /** set by `vecstage build`: the config pipeline that turned documents into these vectors */
  pipeline?: string;
  /** the chunker's settings, compact (e.g. `sliding-window size=512 overlap=64 unit=chars`) */
  chunker?: string;
  /** sha256 of a module chunker's source file */
  chunkerSourceHash?: string;
  /** `<kind>:<model>` of the embedder */
  embedder?: string;
  /** sha256 of the document sample's (or raw export import's) manifest the chunks came from */
  documentsManifestHash?: string;
  /** documents the chunks came from */
  documents?: number;
  /** set by `load --settings-sweep`: the build settings of this version, compact (`max_neighbors=16`) */
  settings?: string;
  /** set by `load --settings-sweep`: seconds the load took (create, upsert, verify) */
  buildSeconds?: number;
  /** set by `load --settings-sweep`: estimated size of the index in bytes (see the adapter's estimate) */
  sizeBytes?: number;
}

/** The provenance fields `load --settings-sweep` adds after the load, in the order adapters store them. */
export const SWEEP_PROVENANCE_KEYS = ['settings', 'buildSeconds', 'sizeBytes'] as const;

/** The provenance fields `vecstage build` adds, in the order adapters store them. */
export const PIPELINE_PROVENANCE_KEYS = ['pipeline', 'chunker', 'chunkerSourceHash', 'embedder', 'documentsManifestHash', 'documents'] as const;

export interface CreateIndexSpec {
  name: string;
  dimension: number;
  metric: Metric;
  provenance: IndexProvenance;
  /** adapter-specific build settings, e.g. Chroma's hnsw `{ ef_construction, max_neighbors, ef_search }` */
  settings?: Record<string, unknown>;
}

export interface IndexInfo {
  name: string;
  dimension: number;
  metric: Metric;
  count: number;
  provenance: IndexProvenance | undefined;
}

export interface ListPage {
  ids: string[];
  /** undefined when there are no more pages */
  cursor: string | undefined;
}

export interface BatchLimits {
  /** max records per upsert call */
  records: number;
  /** max request body bytes per upsert call, where the backend has one */
  bytes?: number;
  /** max metadata bytes per record, where the backend has one */
  metadataBytes?: number;
}

export interface VectorIndex {
  readonly name: string;
  readonly dimension: number;
  readonly metric: Metric;
  readonly limits: BatchLimits;
  /**
   * Idempotent: upserting the same id twice leaves one record (within one call the last occurrence wins), and an
   * upsert replaces a record's values and metadata (no merge). Adapters chunk: callers may pass more records than
   * `limits` allows; `limits` says how the adapter splits requests (useful to size progress and retries).
   * A vector of the wrong dimension is rejected (VecstageError INPUT) before anything is written.
   */
  upsert(records: VectorRecord[]): Promise<void>;
  query(req: QueryRequest): Promise<QueryMatch[]>;
  fetch(ids: string[]): Promise<VectorRecord[]>;
  count(): Promise<number>;
  describe(): Promise<IndexInfo>;
  /** ids page by page, for sampling a live index */
  listIds(page: { cursor?: string; limit: number }): Promise<ListPage>;
}

/** An index that answers as another one would with other search-time settings (bench --sweep). */
export interface SearchVariant {
  index: VectorIndex;
  /** the backend name of what was made to answer (a scratch copy), for logs */
  name: string;
  /** seconds it took to make */
  seconds: number;
  /** removes whatever was made; the source index is untouched */
  release(): Promise<void>;
}

/**
 * Search-time settings an adapter can vary for a parameter sweep. The benched index is never changed: a sweep
 * point is measured on `variant(source, settings)`, released afterwards. Adapters without search-time settings
 * (memory: exact search; Pinecone: none per index) leave `VectorBackend.searchSettings` undefined.
 */
export interface SearchSettingsPort {
  /** setting names a sweep may vary, e.g. ['ef_search'] */
  readonly keys: readonly string[];
  /** one sentence for the report: how a point is isolated from the others and from the source */
  readonly method: string;
  /** the source's current value of each key (null when the backend does not say) */
  current(source: string): Promise<Record<string, number | null>>;
  /** caveats of measuring `settings` with top-`k` queries (e.g. a setting the backend raises to k) */
  notes?(settings: Record<string, number>, k: number): string[];
  variant(source: string, settings: Record<string, number>): Promise<SearchVariant>;
}

/** How `load --settings-sweep` records a finished version: build time and size written into its provenance. */
export interface BuildRecordPort {
  /** build settings a sweep may vary, e.g. ['max_neighbors', 'ef_construction'] */
  readonly keys: readonly string[];
  /** estimated bytes of an index of `rows` vectors built with `settings`, and how it is estimated */
  estimateBytes(rows: number, dimension: number, settings: Record<string, unknown>): { bytes: number; method: string };
  /** merges `extra` into the index's stored provenance */
  annotate(name: string, extra: Partial<IndexProvenance>): Promise<void>;
}

export interface VectorBackend {
  readonly kind: 'memory' | 'chroma' | 'pinecone';
  /** present when the backend has search-time settings a sweep can vary (bench --sweep) */
  readonly searchSettings?: SearchSettingsPort;
  /** present when the backend has build settings a settings sweep can vary (load --settings-sweep) */
  readonly buildRecords?: BuildRecordPort;
  /** whether an all-zero vector can be stored under `metric` (Pinecone refuses them in cosine indexes) */
  acceptsZeroVectors(metric: Metric): boolean;
  /** server or SDK version, for the run fingerprint */
  version(): Promise<string>;
  listIndexes(): Promise<IndexInfo[]>;
  createIndex(spec: CreateIndexSpec): Promise<VectorIndex>;
  /** throws VecstageError INPUT when the index does not exist */
  openIndex(name: string): Promise<VectorIndex>;
  dropIndex(name: string): Promise<void>;
  /** releases connections; stops an embedded server this backend started */
  close(): Promise<void>;
}
