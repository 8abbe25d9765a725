/** inspect(): what a sample holds (strata, tags, dimension, counts, manifest), read from sample.arrow. */
import { iterateSample } from '../arrow/index.js';

export interface InspectResult {
  path: string;
  dimension: number;
  rows: number;
  strata: Record<string, number>;
  tags: Record<string, number>;
  manifest: Record<string, unknown>;
}

export async function inspect(path: string): Promise<InspectResult> {
  const strata: Record<string, number> = {};
  const tags: Record<string, number> = {};
  let rows = 0;
  let dimension = 0;
  let manifest: Record<string, unknown> = {};
  for await (const batch of iterateSample(path, 8192)) {
    dimension = batch.dimension;
    manifest = batch.manifest;
    for (const r of batch.rows) {
      rows++;
      strata[r.stratum] = (strata[r.stratum] ?? 0) + 1;
      for (const t of r.edgeTags) tags[t] = (tags[t] ?? 0) + 1;
    }
  }
  return { path, dimension, rows, strata, tags, manifest };
}
