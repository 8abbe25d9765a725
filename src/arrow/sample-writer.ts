/**
 * Writes sample.arrow incrementally: rows are buffered into record batches of `batchRows` and each batch is
 * handed to the IPC file writer as soon as it is full, so memory holds one batch, not the sample.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { RecordBatch, RecordBatchFileWriter, Struct, makeData, type List, type Schema, type Utf8 } from 'apache-arrow';
import { Utf8Column, Utf8ListColumn } from './utf8-column.js';
import { sampleSchema } from './sample-schema.js';
import type { SampleRow } from './sample-row.js';

/** A row whose metadata is already JSON text (as pass 2's worker threads hand it over), or an object. */
export type WritableRow = Omit<SampleRow, 'metadata' | 'edgeTags'> & { edgeTags: readonly string[] } & ({ metadata: SampleRow['metadata'] } | { metadata?: undefined; metadataJson: string | null });

export interface SampleWriter {
  /**
   * Copies the row (the embedding may be a scratch buffer longer than the dimension). Returns a promise only
   * when the row completed a record batch, which is then written: await it before the next add.
   */
  add(row: WritableRow): Promise<void> | undefined;
  /**
   * Finishes the file. `finalManifest`: the manifest to keep instead of the one the writer was opened with, a
   * placeholder of exactly the same byte length (e.g. while a digest is still being computed). Each copy of the
   * placeholder in the file (the footer's schema; a schema message at the top, if the Arrow library writes one)
   * is overwritten in place: the manifest is a flatbuffer string, stored verbatim.
   */
  close(finalManifest?: string): Promise<{ rows: number }>;
}

export function openSampleWriter(path: string, dimension: number, manifestJson: string, batchRows = 4096): SampleWriter {
  const schema = sampleSchema(dimension, manifestJson);
  const writer = new RecordBatchFileWriter();
  // The writer's output queue is drained by a synchronous write of each chunk as soon as it is queued (a
  // microtask after writer.write), so no encoded batch waits in memory. Piping writer.toNodeStream() into a file
  // stream let whole batches pile up in the queue whenever the producer ran ahead of the disk.
  const fd = openSync(path, 'w+');
  const drained = (async () => {
    for await (const chunk of writer as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
  })();
  drained.catch(() => undefined);
  let rows = 0;
  let batch = newBatch(batchRows, dimension);
  let wroteAny = false;

  const flush = async (): Promise<void> => {
    if (batch.count === 0) return;
    writer.write(toRecordBatch(schema, batch, dimension));
    wroteAny = true;
    // let the drain loop write the batch out (synchronously, in microtasks) before the next one is built; then
    // its embedding buffer is free again and is reused (12.6 MB per 4,096 x 768 batch not left to the GC)
    await new Promise((r) => setImmediate(r));
    batch = newBatch(batchRows, dimension, batch.embedding);
  };

  return {
    add(row) {
      const i = batch.count++;
      batch.embedding.set(row.embedding.subarray(0, dimension), i * dimension);
      batch.ids.push(row.id);
      batch.texts.push(row.text);
      batch.metadata.push(row.metadata !== undefined ? (row.metadata === null ? null : JSON.stringify(row.metadata)) : row.metadataJson);
      batch.strata.push(row.stratum);
      batch.tags.push(row.edgeTags);
      batch.prob[i] = row.inclusionProb;
      batch.weight[i] = row.weight;
      rows++;
      return batch.count === batchRows ? flush() : undefined;
    },
    async close(finalManifest) {
      const patch = finalManifest !== undefined && finalManifest !== manifestJson;
      try {
        if (patch && Buffer.byteLength(finalManifest) !== Buffer.byteLength(manifestJson)) throw new Error("sample writer: the final manifest must have the placeholder's byte length");
        await flush();
        if (!wroteAny) writer.reset(undefined, schema);
        writer.finish();
        await drained;
        if (patch) patchManifest(fd, manifestJson, finalManifest);
      } finally {
        closeSync(fd);
      }
      return { rows };
    },
  };
}

/** Overwrites every copy of `before` in the first and last (its length + 64 KB) of the file with `after`. */
function patchManifest(fd: number, before: string, after: string): void {
  const old = Buffer.from(before);
  const now = Buffer.from(after);
  const size = fstatSync(fd).size;
  const span = Math.min(size, old.length + (64 << 10));
  let patched = 0;
  for (const from of new Set([0, size - span])) {
    const region = Buffer.alloc(span);
    readSync(fd, region, 0, span, from);
    for (let at = region.indexOf(old); at >= 0; at = region.indexOf(old, at + old.length)) {
      writeSync(fd, now, 0, now.length, from + at);
      patched++;
    }
  }
  if (patched === 0) throw new Error('sample writer: the placeholder manifest was not found in the file');
}

interface Batch {
  count: number;
  ids: Utf8Column;
  embedding: Float32Array;
  texts: Utf8Column;
  metadata: Utf8Column;
  strata: Utf8Column;
  tags: Utf8ListColumn;
  prob: Float64Array;
  weight: Float64Array;
}

function newBatch(n: number, dim: number, embedding: Float32Array = new Float32Array(n * dim)): Batch {
  return {
    count: 0,
    ids: new Utf8Column(n, 24),
    embedding,
    texts: new Utf8Column(n, 256),
    metadata: new Utf8Column(n, 128),
    strata: new Utf8Column(n, 32),
    tags: new Utf8ListColumn(n),
    prob: new Float64Array(n),
    weight: new Float64Array(n),
  };
}

function toRecordBatch(schema: Schema, b: Batch, dim: number): RecordBatch {
  const n = b.count;
  const [idF, embF, textF, metaF, stratumF, tagsF, probF, weightF] = schema.fields;
  const child = makeData({ type: embF!.type.children[0]!.type, length: n * dim, data: b.embedding.subarray(0, n * dim) });
  const children = [
    b.ids.data(idF!.type as Utf8),
    makeData({ type: embF!.type, length: n, nullCount: 0, child }),
    b.texts.data(textF!.type as Utf8),
    b.metadata.data(metaF!.type as Utf8),
    b.strata.data(stratumF!.type as Utf8),
    b.tags.data(tagsF!.type as List<Utf8>),
    makeData({ type: probF!.type, length: n, data: b.prob.subarray(0, n) }),
    makeData({ type: weightF!.type, length: n, data: b.weight.subarray(0, n) }),
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
}
