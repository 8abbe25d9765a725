/**
 * Writes a document sample's sample.arrow record batch by record batch (memory: one batch). The manifest goes
 * in the schema metadata, so it is complete before the first row: the document path knows every count after
 * pass 1.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { RecordBatch, RecordBatchFileWriter, Struct, makeData, type List, type Schema, type Utf8 } from 'apache-arrow';
import { documentSchema, type DocumentRow } from './document-schema.js';
import { Utf8Column, Utf8ListColumn } from './utf8-column.js';

export interface DocumentWriter {
  /** Returns a promise only when the row completed a record batch: await it before the next add. */
  add(row: DocumentRow): Promise<void> | undefined;
  close(): Promise<{ rows: number }>;
}

export function openDocumentWriter(path: string, manifestJson: string, batchRows = 4096): DocumentWriter {
  const schema = documentSchema(manifestJson);
  const writer = new RecordBatchFileWriter();
  // drained synchronously as the writer queues its output, as sample-writer.ts does (no batch piles up)
  const fd = openSync(path, 'w');
  const drained = (async () => {
    for await (const chunk of writer as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
  })();
  drained.catch(() => undefined);
  let rows = 0;
  let wroteAny = false;
  let batch = newBatch(batchRows);
  const flush = async (): Promise<void> => {
    if (batch.count === 0) return;
    writer.write(toRecordBatch(schema, batch));
    wroteAny = true;
    await new Promise((r) => setImmediate(r));
    batch = newBatch(batchRows);
  };
  return {
    add(row) {
      const i = batch.count++;
      batch.ids.push(row.id);
      batch.texts.push(row.text);
      batch.metadata.push(row.metadata === null ? null : JSON.stringify(row.metadata));
      batch.strata.push(row.stratum);
      batch.tags.push(row.edgeTags);
      batch.prob[i] = row.inclusionProb;
      batch.weight[i] = row.weight;
      rows++;
      return batch.count === batchRows ? flush() : undefined;
    },
    async close() {
      try {
        await flush();
        if (!wroteAny) writer.reset(undefined, schema);
        writer.finish();
        await drained;
      } finally {
        closeSync(fd);
      }
      return { rows };
    },
  };
}

interface Batch {
  count: number;
  ids: Utf8Column;
  texts: Utf8Column;
  metadata: Utf8Column;
  strata: Utf8Column;
  tags: Utf8ListColumn;
  prob: Float64Array;
  weight: Float64Array;
}

function newBatch(n: number): Batch {
  return {
    count: 0,
    ids: new Utf8Column(n, 24),
    texts: new Utf8Column(n, 1024),
    metadata: new Utf8Column(n, 128),
    strata: new Utf8Column(n, 32),
    tags: new Utf8ListColumn(n),
    prob: new Float64Array(n),
    weight: new Float64Array(n),
  };
}

function toRecordBatch(schema: Schema, b: Batch): RecordBatch {
  const n = b.count;
  const [idF, textF, metaF, stratumF, tagsF, probF, weightF] = schema.fields;
  const children = [
    b.ids.data(idF!.type as Utf8),
    b.texts.data(textF!.type as Utf8),
    b.metadata.data(metaF!.type as Utf8),
    b.strata.data(stratumF!.type as Utf8),
    b.tags.data(tagsF!.type as List<Utf8>),
    makeData({ type: probF!.type, length: n, data: b.prob.subarray(0, n) }),
    makeData({ type: weightF!.type, length: n, data: b.weight.subarray(0, n) }),
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
}
