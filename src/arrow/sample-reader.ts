/** Reads sample.arrow back: whole (`readSample`) or batch by batch (`iterateSample`, bounded memory). */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordBatchReader, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { VecstageError } from '../errors.js';
import { MANIFEST_KEY, SAMPLE_FILE, type SampleRow } from './sample-row.js';

export interface SampleBatch {
  manifest: Record<string, unknown>;
  dimension: number;
  rows: SampleRow[];
}

/** `dir` is a sample folder or a .arrow file. */
export function sampleFilePath(dir: string): string {
  const path = existsSync(dir) && statSync(dir).isDirectory() ? join(dir, SAMPLE_FILE) : dir;
  if (!existsSync(path)) throw new VecstageError('INPUT', `sample not found: ${path}; expected a folder written by \`vecstage sample\` (with ${SAMPLE_FILE}) or a .arrow file`);
  return path;
}

/** below node's 2 GiB readFile limit */
const WHOLE_FILE_LIMIT = 2 ** 30;

export async function* iterateSample(dir: string, batchSize = 4096): AsyncGenerator<SampleBatch> {
  const path = sampleFilePath(dir);
  let reader: RecordBatchReader;
  try {
    // read whole, then decoded batch by batch: the IPC file format needs random access, so a read stream makes the
    // reader buffer the whole file anyway, chunk by chunk at several times the CPU (and no handle is left open
    // when a caller stops after the first batch, as openSampleSource does). readFile stops at 2 GiB: larger files
    // keep the stream.
    if (statSync(path).size <= WHOLE_FILE_LIMIT) {
      reader = RecordBatchReader.from(await readFile(path));
      reader.open();
    } else {
      reader = await RecordBatchReader.from(createReadStream(path) as unknown as AsyncIterable<Uint8Array>);
      await reader.open();
    }
  } catch (err) {
    throw new VecstageError('INPUT', `not an Arrow IPC file: ${path} (${(err as Error).message})`, { cause: err });
  }
  const { manifest, dimension } = describeSampleSchema(reader.schema, path);
  let pending: SampleRow[] = [];
  let yielded = false;
  for await (const batch of reader as AsyncIterable<RecordBatch>) {
    for (const row of batchRows(batch, dimension)) {
      pending.push(row);
      if (pending.length === batchSize) {
        yield { manifest, dimension, rows: pending };
        yielded = true;
        pending = [];
      }
    }
  }
  if (pending.length || !yielded) yield { manifest, dimension, rows: pending };
}

export async function readSample(dir: string): Promise<SampleBatch> {
  let out: SampleBatch | undefined;
  for await (const b of iterateSample(dir, Number.MAX_SAFE_INTEGER)) {
    if (out) out.rows.push(...b.rows);
    else out = b;
  }
  if (!out) {
    // an empty sample yields no batch: read the schema alone
    const reader = await RecordBatchReader.from(createReadStream(sampleFilePath(dir)) as unknown as AsyncIterable<Uint8Array>);
    await reader.open();
    const { manifest, dimension } = describeSampleSchema(reader.schema, dir);
    return { manifest, dimension, rows: [] };
  }
  return out;
}

export function describeSampleSchema(schema: Schema, path: string): { manifest: Record<string, unknown>; dimension: number } {
  const raw = schema.metadata.get(MANIFEST_KEY);
  if (raw === undefined) throw new VecstageError('INPUT', `${path}: no "${MANIFEST_KEY}" schema metadata; not a vecstage sample`);
  const emb = schema.fields.find((f) => f.name === 'embedding');
  const dimension = (emb?.type as { listSize?: number } | undefined)?.listSize;
  if (dimension === undefined) throw new VecstageError('INPUT', `${path}: no FixedSizeList "embedding" column; not a vecstage sample`);
  return { manifest: JSON.parse(raw) as Record<string, unknown>, dimension };
}

function* batchRows(batch: RecordBatch, dim: number): Generator<SampleRow> {
  const col = (name: string): Vector => {
    const v = batch.getChild(name);
    if (!v) throw new VecstageError('INPUT', `sample.arrow has no "${name}" column`);
    return v;
  };
  const ids = col('id');
  const emb = col('embedding');
  const texts = col('text');
  const meta = col('metadata');
  const strata = col('stratum');
  const tags = col('edge_tags');
  const prob = col('inclusion_prob');
  const weight = col('weight');
  const data = emb.data[0]!;
  const values = (data.children[0]!.values as Float32Array).subarray(data.children[0]!.offset);
  for (let r = 0; r < batch.numRows; r++) {
    const m = meta.get(r) as string | null;
    const t = tags.get(r) as Vector | null;
    const start = (data.offset + r) * dim;
    yield {
      id: ids.get(r) as string,
      embedding: values.slice(start, start + dim),
      text: texts.get(r) as string | null,
      metadata: m === null ? null : (JSON.parse(m) as SampleRow['metadata']),
      stratum: strata.get(r) as string,
      edgeTags: t ? (t.toArray() as string[]) : [],
      inclusionProb: prob.get(r) as number,
      weight: weight.get(r) as number,
    };
  }
}
