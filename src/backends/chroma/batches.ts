import type { VectorRecord } from '../types.js';

/**
 * The Chroma server rejects request bodies above its `max_payload_size_bytes` (measured with chroma 1.0.0 from
 * chromadb 3.5: 5000 x 1536 floats as base64, about 39 MiB, pass; 5461 x 1536, about 43 MiB, get 413 Payload Too
 * Large), so the record cap alone is not enough for wide embeddings. 32 MiB leaves room for ids, metadata and JSON.
 */
export const PAYLOAD_BUDGET_BYTES = 32 * 1024 * 1024;

export interface BatchSizing {
  /** the server's max records per write */
  records: number;
  /** request body budget */
  bytes: number;
  /** embeddings sent as base64 float32 (chromadb 3 does when the server supports it) */
  base64: boolean;
}

/** Estimated request bytes of one record: embedding, id, metadata as JSON, and per-record punctuation. */
export function recordBytes(r: VectorRecord, dimension: number, base64: boolean): number {
  const embedding = base64 ? Math.ceil((dimension * 4) / 3) * 4 : dimension * 24;
  const metadata = r.metadata ? JSON.stringify(r.metadata).length : 4;
  return embedding + r.id.length * 2 + metadata + 32;
}

/** Splits records into consecutive chunks within both the record cap and the byte budget (never empty). */
export function chunkRecords(records: VectorRecord[], dimension: number, sizing: BatchSizing): VectorRecord[][] {
  const chunks: VectorRecord[][] = [];
  let current: VectorRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const b = recordBytes(r, dimension, sizing.base64);
    if (current.length > 0 && (current.length >= sizing.records || bytes + b > sizing.bytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += b;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
