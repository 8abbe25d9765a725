/** Reads a document sample's sample.arrow back batch by batch, and the schema of any Arrow IPC file. */
import { createReadStream, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Vector } from 'apache-arrow';
import { VecstageError } from '../errors.js';
import type { DocumentRow } from './document-schema.js';
import { MANIFEST_KEY } from './sample-row.js';

export interface ArrowSchemaInfo {
  fields: string[];
  /** the `vecstage:manifest` schema metadata, when the file has it */
  manifest: string | undefined;
}

/** The column names and manifest of an Arrow IPC file (file or stream format), without reading its batches. */
export async function arrowSchemaInfo(path: string): Promise<ArrowSchemaInfo> {
  const fh = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(fh as unknown as AsyncIterable<Uint8Array>);
    await reader.open();
    return { fields: reader.schema.fields.map((f) => f.name), manifest: reader.schema.metadata.get(MANIFEST_KEY) };
  } catch (err) {
    throw new VecstageError('INPUT', `not an Arrow IPC file: ${path} (${(err as Error).message})`, { cause: err });
  } finally {
    await fh.close();
  }
}

/** below node's 2 GiB readFile limit */
const WHOLE_FILE_LIMIT = 2 ** 30;

export type ReadDocumentRow = Omit<DocumentRow, 'edgeTags'> & { edgeTags: string[] };

/** The rows of a document sample.arrow in batches of `batchSize` (the last may be shorter; none for an empty file). */
export async function* iterateDocumentRows(path: string, batchSize: number): AsyncGenerator<ReadDocumentRow[]> {
  let reader: RecordBatchReader;
  try {
    // whole, then decoded batch by batch (the IPC file format needs random access; see sample-reader.ts)
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
  let pending: ReadDocumentRow[] = [];
  for await (const batch of reader as AsyncIterable<RecordBatch>) {
    for (const row of batchRows(batch, path)) {
      pending.push(row);
      if (pending.length >= batchSize) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length) yield pending;
}

function* batchRows(batch: RecordBatch, path: string): Generator<ReadDocumentRow> {
  const col = (name: string): Vector => {
    const v = batch.getChild(name);
    if (!v) throw new VecstageError('INPUT', `${path} has no "${name}" column; not a document sample`);
    return v;
  };
  const ids = col('id');
  const texts = col('text');
  const meta = col('metadata');
  const strata = col('stratum');
  const tags = col('edge_tags');
  const prob = col('inclusion_prob');
  const weight = col('weight');
  for (let r = 0; r < batch.numRows; r++) {
    const m = meta.get(r) as string | null;
    const t = tags.get(r) as Vector | null;
    yield {
      id: ids.get(r) as string,
      text: texts.get(r) as string | null,
      metadata: m === null ? null : (JSON.parse(m) as DocumentRow['metadata']),
      stratum: strata.get(r) as string,
      edgeTags: t ? (t.toArray() as string[]) : [],
      inclusionProb: prob.get(r) as number,
      weight: weight.get(r) as number,
    };
  }
}
