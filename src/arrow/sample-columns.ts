/**
 * sample.arrow read column by column into one float32 slab, for exact search over the whole sample (ground truth,
 * bench). One copy of the vectors per record batch and no per-row objects: iterateSample's row objects cost more
 * than the exact search itself on 100,000 x 768 (see bench/README.md, ground truth).
 */
import { statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
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
  // up to 1 GiB: read whole, batches are views into these bytes; beyond (readFile stops at 2 GiB): a file handle,
  // the IPC file reader then reads one batch at a time
  const handle = statSync(path).size > 2 ** 30 ? await open(path, 'r') : undefined;
  try {
    let reader: RecordBatchReader;
    try {
      reader = handle ? await RecordBatchReader.from(handle) : RecordBatchReader.from(await readFile(path));
      await reader.open();
    } catch (err) {
      throw new VecstageError('INPUT', `not an Arrow IPC file: ${path} (${(err as Error).message})`, { cause: err });
    }
    const { manifest, dimension } = describeSampleSchema(reader.schema, path);
    const cols: Omit<SampleColumns, 'manifest' | 'dimension' | 'vectors' | 'weights'> & { weights: number[] } = { ids: [], metadata: [], strata: [], edgeTags: [], weights: [] };
    const chunks: Float32Array[] = [];
    for await (const batch of reader as AsyncIterable<RecordBatch>) chunks.push(addBatch(batch, dimension, path, cols));
    const vectors = new Float32Array(cols.ids.length * dimension);
    let at = 0;
    for (const c of chunks) {
      vectors.set(c, at);
      at += c.length;
    }
    return { manifest, dimension, ids: cols.ids, vectors, metadata: cols.metadata, strata: cols.strata, edgeTags: cols.edgeTags, weights: Float64Array.from(cols.weights) };
  } finally {
    await handle?.close();
  }
}

/** Appends a batch's scalar columns to `cols` and returns its vectors (a view, not a copy). */
function addBatch(batch: RecordBatch, dimension: number, path: string, cols: Pick<SampleColumns, 'ids' | 'metadata' | 'strata' | 'edgeTags'> & { weights: number[] }): Float32Array {
  const col = (name: string): Vector => {
    const v = batch.getChild(name);
    if (!v) throw new VecstageError('INPUT', `${path}: no "${name}" column; not a vecstage sample`);
    return v;
  };
  const [id, meta, stratum, tags, weight] = ['id', 'metadata', 'stratum', 'edge_tags', 'weight'].map(col) as [Vector, Vector, Vector, Vector, Vector];
  for (let r = 0; r < batch.numRows; r++) {
    cols.ids.push(id.get(r) as string);
    const m = meta.get(r) as string | null;
    cols.metadata.push(m === null ? null : (JSON.parse(m) as SampleRow['metadata']));
    cols.strata.push(stratum.get(r) as string);
    const t = tags.get(r) as Vector | null;
    cols.edgeTags.push(t && t.length > 0 ? (t.toArray() as string[]) : []);
    cols.weights.push(weight.get(r) as number);
  }
  const data = col('embedding').data[0]!;
  const child = data.children[0]!;
  const values = (child.values as Float32Array).subarray(child.offset);
  return values.subarray(data.offset * dimension, (data.offset + batch.numRows) * dimension);
}
