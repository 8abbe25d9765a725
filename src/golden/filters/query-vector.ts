import { gaussian, randomInt, type Random } from '../../synth/random.js';

export interface AnchorSource {
  ids: readonly string[];
  dim: number;
  vectors: Float32Array;
}

/**
 * A query vector near a sample row, as the demo's edge-case golden queries are made (src/demo/golden.ts): the row's
 * vector plus Gaussian noise of `noise` times its norm, spread over the dimensions. Not normalised, so l2 and ip
 * keep the row's scale (cosine ignores it). The row is drawn uniformly from the whole sample, independent of the
 * filter (VectorDBBench's convention): every band then sees the same query distribution and only the filter
 * differs. Zero vectors are skipped (no direction to be near).
 */
export function queryNearRow(src: AnchorSource, r: Random, noise: number): { anchor: string; vector: Float32Array } | undefined {
  const n = src.ids.length;
  for (let attempt = 0; attempt < 64; attempt++) {
    const j = randomInt(r, n);
    const row = src.vectors.subarray(j * src.dim, (j + 1) * src.dim);
    let norm = 0;
    for (let i = 0; i < src.dim; i++) norm += row[i]! * row[i]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    const v = new Float32Array(src.dim);
    const scale = (noise * norm) / Math.sqrt(src.dim);
    for (let i = 0; i < src.dim; i++) v[i] = row[i]! + scale * gaussian(r);
    return { anchor: src.ids[j]!, vector: v };
  }
  return undefined;
}
