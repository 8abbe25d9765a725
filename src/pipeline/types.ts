/**
 * The pipeline port: raw documents -> chunks -> embeddings. A pipeline (named in vecstage.config.json
 * `pipelines`) is one chunker and one embedder; `vecstage build` runs it into a new versioned index.
 * Chunkers live in ./chunk/, embedders and the embedding stage (batching, retries, cache) in ./embed/.
 */
import type { Reader } from '../config/validate.js';

export type MetadataValue = string | number | boolean;

/** One raw document, as read from a document sample or a raw export. */
export interface SourceDocument {
  id: string;
  text: string;
  metadata: Record<string, MetadataValue> | null;
}

/** One piece a chunker cut from a document. Offsets are UTF-16 code unit offsets into `doc.text` (JS string indices). */
export interface ChunkPiece {
  text: string;
  /** start offset in the document text; null when a module chunker returned text that does not occur verbatim */
  start: number | null;
  /** end offset (exclusive); null with start */
  end: number | null;
}

/** A chunk ready to embed and index: `id` is `<doc_id>#<ordinal>`. */
export interface Chunk extends ChunkPiece {
  id: string;
  docId: string;
  /** 0-based position of the chunk in its document */
  ordinal: number;
}

export type ChunkUnit = 'chars' | 'words' | 'tokens';
export const CHUNK_UNITS: readonly ChunkUnit[] = ['chars', 'words', 'tokens'];

/** The OpenAI BPE encodings the `tokens` unit counts in. */
export type TokenEncoding = 'cl100k_base' | 'o200k_base' | 'p50k_base' | 'r50k_base';
export const TOKEN_ENCODINGS: readonly TokenEncoding[] = ['cl100k_base', 'o200k_base', 'p50k_base', 'r50k_base'];

/**
 * Resolved chunker settings (config `pipelines.<name>.chunker`; semantics in src/pipeline/chunk/config.ts).
 * `encoding` is present exactly when `unit` is `tokens`.
 */
export type ChunkerConfig =
  | { kind: 'fixed'; size: number; unit: ChunkUnit; encoding?: TokenEncoding }
  | { kind: 'sliding-window'; size: number; overlap: number; unit: ChunkUnit; encoding?: TokenEncoding }
  | { kind: 'sentence'; size: number; overlap: number; unit: ChunkUnit; encoding?: TokenEncoding }
  | { kind: 'recursive'; size: number; overlap: number; unit: ChunkUnit; separators: string[]; encoding?: TokenEncoding }
  /** user code: a default export `(doc, options) => chunks`; `path` is absolute, `sourceHash` the sha256 of the file */
  | { kind: 'module'; module: string; path: string; sourceHash: string; options: Record<string, unknown> };

export interface Chunker {
  readonly config: ChunkerConfig;
  /** Throws a VecstageError naming the document when user code fails or returns something else than chunks. */
  chunk(doc: SourceDocument): ChunkPiece[] | Promise<ChunkPiece[]>;
}

/** Resolved embedder settings (config `pipelines.<name>.embedder`). */
export type EmbedderConfig =
  | {
      kind: 'hashing';
      model: string;
      dimension: number;
      /** word n-gram sizes, inclusive: [1, 2] hashes words and word pairs */
      ngrams: [number, number];
      seed: string;
      /** weight a feature seen tf times by log1p(tf) instead of tf */
      sublinearTf: boolean;
    }
  | {
      kind: 'openai-compatible';
      /** base URL; the client POSTs to `<url>/embeddings` when url ends in /v1 (or to url itself when it ends in /embeddings) */
      url: string;
      model: string;
      /** declared dimension; sent as `dimensions` only when `sendDimensions` */
      dimension: number | undefined;
      sendDimensions: boolean;
      /** the NAME of the env var holding the API key (never the key) */
      apiKeyEnv: string | undefined;
      /** Azure's `api-key` header instead of `Authorization: Bearer` */
      authHeader: 'bearer' | 'api-key';
      batch: number;
      concurrency: number;
      timeoutMs: number;
      maxRetries: number;
      /** what the request asks for; a base64 string in a response is decoded either way */
      encodingFormat: 'float' | 'base64';
    }
  | { kind: 'module'; module: string; path: string; sourceHash: string; model: string; dimension: number | undefined; batch: number; options: Record<string, unknown> };

export interface EmbedResponse {
  vectors: Float32Array[];
  /** tokens the provider counted (OpenAI `usage.prompt_tokens`), when it says */
  tokens?: number | undefined;
}

export interface Embedder {
  readonly config: EmbedderConfig;
  readonly model: string;
  /** declared dimension; undefined until the first response shows it */
  readonly dimension: number | undefined;
  /** texts per call */
  readonly maxBatch: number;
  /**
   * A stable hash of everything that changes the vectors (kind, url host/path, model, dimension, ngrams, seed,
   * module source hash): the embedding cache's key, with the text hash.
   */
  readonly identity: string;
  /** One call (one HTTP request for openai-compatible); retries are the embedding stage's job. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<EmbedResponse>;
  close?(): Promise<void>;
}

/** A named pipeline from the config. */
export interface PipelineConfig {
  name: string;
  chunker: ChunkerConfig;
  embedder: EmbedderConfig;
}

/** Config section parsers get the strict Reader, the key path (e.g. `pipelines.sw512.chunker`) and the config folder. */
export type SectionParser<T> = (r: Reader, path: string, raw: unknown, configDir: string) => T;
