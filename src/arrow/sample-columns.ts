/**
 * sample.arrow read column by column into one float32 slab, for exact search over the whole sample (ground truth,
 * bench). One copy of the vectors per record batch and no per-row objects: iterateSample's row objects cost more
 * than the exact search itself on 100,000 x 768 (see bench/README.md, ground truth).
 */
import { readFile } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Vector } from 'apache-arrow';
import { VecstageError } from '../errors.js';
import { describeSampleSchema, sampleFilePath } from './sample-reader.js';
import type { SampleRow } from './sample-row.js';

export interface SampleColumns {
  manifest: Record<string, unknown>;
  dimension: number;
  ids: string[];
  /** rows x dimension, row-major */
  vectors: Float32Array;
  metadata: Array<SampleRow['metadata']>;
  strata: string[];
  edgeTags: string[][];
  weights: Float64Array;
}

export async function readSampleColumns(dir: string): Promise<SampleColumns> {
  const path = sampleFilePath(dir);
  let reader: RecordBatchReader;
  try {
    // the file format needs random access anyway: read it whole, then batches are views into these bytes
    reader = RecordBatchReader.from(await readFile(path));
    reader.open();
  } catch (err) {
    throw new VecstageError('INPUT', `not an Arrow IPC file: ${path} (${(err as Error).message})`, { cause: err });
  }
  const { manifest, dimension } = describeSampleSchema(reader.schema, path);
  const chunks: Float32Array[] = [];
  const ids: string[] = [];
  const metadata: SampleColumns['metadata'] = [];
  const strata: string[] = [];
  const edgeTags: string[][] = [];
  const weights: number[] = [];
  for (const batch of reader as Iterable<RecordBatch>) {
    const col = (name: string): Vector => {
      const v = batch.getChild(name);
      if (!v) throw new VecstageError('INPUT', `${path}: no "${name}" column; not a vecstage sample`);
      return v;
    };
    const [id, meta, stratum, tags, weight] = ['id', 'metadata', 'stratum', 'edge_tags', 'weight'].map(col) as [Vector, Vector, Vector, Vector, Vector];
    const data = col('embedding').data[0]!;
    const child = data.children[0]!;
    const values = (child.values as Float32Array).subarray(child.offset);
    chunks.push(values.subarray(data.offset * dimension, (data.offset + batch.numRows) * dimension));
    for (let r = 0; r < batch.numRows; r++) {
      ids.push(id.get(r) as string);
      const m = meta.get(r) as string | null;
      metadata.push(m === null ? null : (JSON.parse(m) as SampleRow['metadata']));
      strata.push(stratum.get(r) as string);
      const t = tags.get(r) as Vector | null;
      edgeTags.push(t && t.length > 0 ? (t.toArray() as string[]) : []);
      weights.push(weight.get(r) as number);
    }
  }
  const vectors = new Float32Array(ids.length * dimension);
  let at = 0;
  for (const c of chunks) {
    vectors.set(c, at);
    at += c.length;
  }
  return { manifest, dimension, ids, vectors, metadata, strata, edgeTags, weights: Float64Array.from(weights) };
}
