/** A sample held in memory for exact search: one float32 slab, ids, metadata, strata and weights. */
import { iterateSample } from '../arrow/index.js';
import type { Metadata } from '../backends/types.js';

export interface Corpus {
  ids: string[];
  index: Map<string, number>;
  dim: number;
  vectors: Float32Array;
  metadata: Array<Metadata | null>;
  strata: string[];
  tags: string[][];
  weights: Float64Array;
  manifest: Record<string, unknown>;
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const ids: string[] = [];
  const metadata: Array<Metadata | null> = [];
  const strata: string[] = [];
  const tags: string[][] = [];
  const weights: number[] = [];
  let dim = 0;
  let manifest: Record<string, unknown> = {};
  let vectors = new Float32Array(0);
  let n = 0;
  for await (const batch of iterateSample(dir, 8192)) {
    dim = batch.dimension;
    manifest = batch.manifest;
    if (vectors.length < (n + batch.rows.length) * dim) {
      const grown = new Float32Array(Math.max((n + batch.rows.length) * dim, vectors.length * 2));
      grown.set(vectors.subarray(0, n * dim));
      vectors = grown;
    }
    for (const r of batch.rows) {
      vectors.set(r.embedding, n * dim);
      ids.push(r.id);
      metadata.push(r.metadata);
      strata.push(r.stratum);
      tags.push(r.edgeTags);
      weights.push(r.weight);
      n++;
    }
  }
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  return { ids, index, dim, vectors: vectors.subarray(0, n * dim), metadata, strata, tags, weights: Float64Array.from(weights), manifest };
}
