import { VecstageError, invalid } from '../../errors.js';
import type { BatchLimits, VectorRecord } from '../types.js';

/** Pinecone's documented upsert limits: 1000 vectors and 2 MB per request, 40 KB of metadata per vector. */
export const PINECONE_LIMITS: Required<BatchLimits> = { records: 1000, bytes: 2 * 1024 * 1024, metadataBytes: 40 * 1024 };

export interface WireVector {
  id: string;
  values: number[];
  metadata?: Record<string, string | number | boolean>;
}

/** The record as the SDK will serialise it; rejects metadata over the limit naming the record's id. */
export function toWireVector(r: VectorRecord, limits: Required<BatchLimits> = PINECONE_LIMITS): WireVector {
  if (r.metadata !== undefined) {
    const size = Buffer.byteLength(JSON.stringify(r.metadata));
    if (size > limits.metadataBytes) {
      throw invalid('metadata size', `${size} bytes`, `at most ${limits.metadataBytes} bytes of JSON per record (Pinecone limit)`, `record "${r.id}"`);
    }
  }
  return { id: r.id, values: Array.from(r.values), ...(r.metadata ? { metadata: r.metadata } : {}) };
}

/**
 * Cuts vectors into upsert requests that stay within the record and byte limits. Byte sizes are exact: the
 * request body is `{"vectors":[v1,...,vn],"namespace":"ns"}` with each vector as JSON.stringify writes it.
 */
export function planBatches(vectors: WireVector[], namespace: string, limits: Required<BatchLimits> = PINECONE_LIMITS): WireVector[][] {
  const envelope = Buffer.byteLength(JSON.stringify({ vectors: [], namespace }));
  const batches: WireVector[][] = [];
  let current: WireVector[] = [];
  let bytes = envelope;
  for (const v of vectors) {
    const size = Buffer.byteLength(JSON.stringify(v));
    if (envelope + size > limits.bytes) {
      throw new VecstageError('INPUT', `record "${v.id}" is ${size} bytes as JSON, more than Pinecone's ${limits.bytes}-byte request limit on its own`, {
        details: { id: v.id, bytes: size, limit: limits.bytes },
      });
    }
    const added = size + (current.length > 0 ? 1 : 0);
    if (current.length >= limits.records || bytes + added > limits.bytes) {
      batches.push(current);
      current = [];
      bytes = envelope;
    }
    bytes += size + (current.length > 0 ? 1 : 0);
    current.push(v);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Body size of one planned batch, as the SDK will send it. */
export function requestBytes(batch: WireVector[], namespace: string): number {
  return Buffer.byteLength(JSON.stringify({ vectors: batch, namespace }));
}
