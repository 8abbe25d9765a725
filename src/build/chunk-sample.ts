/**
 * The chunk sample: `vecstage build` writes its chunks with their vectors as an ordinary sample folder
 * (sample.arrow + manifest.json, the schema of `vecstage sample`), so `truth`, `bench --sample` and `load` work on
 * it unchanged. Its manifest is a pure function of the documents, the pipeline and the vectors (no timestamps, no
 * timings), so a resumed build writes the same bytes and the loader's resume check (same manifest hash) holds.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, SAMPLE_FILE, openSampleWriter, type SampleWriter } from '../arrow/index.js';
import type { MetadataValue } from '../pipeline/types.js';

export interface ChunkSampleRow {
  id: string;
  embedding: Float32Array;
  text: string;
  metadata: Record<string, MetadataValue>;
  stratum: string;
  edgeTags: readonly string[];
  inclusionProb: number;
  weight: number;
}

export interface ChunkManifest {
  kind: 'chunks';
  origin: string;
  toolkitVersion: string;
  pipeline: { name: string; chunker: Record<string, unknown>; embedder: { kind: string; model: string; dimension: number; identity: string } };
  documents: { source: string; manifestHash: string; rows: number };
  embedding: { model: string; dimension: number; metric: string };
  counts: ChunkCounts;
  sample_rows: number;
  tags: { zero_vector: { inSample: number } };
}

export interface ChunkCounts {
  documents: number;
  documents_without_chunks: number;
  sample_rows: number;
  chunk_chars_total: number;
  chunk_chars_mean: number;
  chunk_chars_max: number;
  zero_vectors: number;
}

/** Room left in the embedded manifest for the counts, which are known only at the end (the writer patches in place). */
const COUNTS_ROOM = 320;

export interface ChunkSampleWriter {
  add(row: ChunkSampleRow): Promise<void> | undefined;
  /** writes the final manifest (embedded and sidecar) and renames the folder into place */
  commit(counts: Omit<ChunkCounts, 'sample_rows' | 'chunk_chars_mean'>): Promise<ChunkManifest>;
  abort(): void;
}

export function openChunkSampleWriter(dir: string, head: Omit<ChunkManifest, 'counts' | 'sample_rows' | 'tags'>): ChunkSampleWriter {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const zero: ChunkCounts = { documents: 0, documents_without_chunks: 0, sample_rows: 0, chunk_chars_total: 0, chunk_chars_mean: 0, chunk_chars_max: 0, zero_vectors: 0 };
  const placeholder = JSON.stringify(withCounts(head, zero)) + ' '.repeat(COUNTS_ROOM);
  const writer: SampleWriter = openSampleWriter(join(tmp, SAMPLE_FILE), head.embedding.dimension, placeholder);
  let rows = 0;
  return {
    add(row) {
      rows++;
      return writer.add({ ...row, edgeTags: row.edgeTags, metadata: row.metadata });
    },
    async commit(c) {
      const counts: ChunkCounts = { ...c, sample_rows: rows, chunk_chars_mean: rows ? Math.round((c.chunk_chars_total / rows) * 10) / 10 : 0 };
      const manifest = withCounts(head, counts);
      const compact = JSON.stringify(manifest);
      // JSON allows trailing whitespace: the final manifest takes the placeholder's exact byte length
      const room = Buffer.byteLength(placeholder) - Buffer.byteLength(compact);
      if (room < 0) throw new Error(`chunk sample: the final manifest outgrew the room kept for its counts by ${-room} bytes`);
      await writer.close(compact + ' '.repeat(room));
      writeFileSync(join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      return manifest;
    },
    abort() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function withCounts(head: Omit<ChunkManifest, 'counts' | 'sample_rows' | 'tags'>, counts: ChunkCounts): ChunkManifest {
  return { ...head, counts, sample_rows: counts.sample_rows, tags: { zero_vector: { inSample: counts.zero_vectors } } };
}
