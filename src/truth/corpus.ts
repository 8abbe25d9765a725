/** A sample held in memory for exact search: one float32 slab, ids, metadata, strata and weights. */
import { readSampleColumns } from '../arrow/index.js';
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
  const c = await readSampleColumns(dir);
  const index = new Map<string, number>();
  c.ids.forEach((id, i) => index.set(id, i));
  return { ids: c.ids, index, dim: c.dimension, vectors: c.vectors, metadata: c.metadata, strata: c.strata, tags: c.edgeTags, weights: c.weights, manifest: c.manifest };
}
