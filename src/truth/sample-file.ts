/**
 * sample.arrow as exact search needs it, read the cheap way (see bench/README.md, ground truth):
 * - `describeTruthSample`: the sample's identity (manifest hash, dimension) from the IPC file's footer and the
 *   manifest sidecar, a few KB, so a cache hit never reads the vectors; the same values openSampleSource gives;
 * - `loadTruthBase`: ids and vectors only. With the native addon the file is memory-mapped and each record
 *   batch's embedding values are searched where they lie (no copy: on this project's VMs touching fresh memory
 *   runs at ~250 MB/s, slower than the search); metadata is parsed only if a filter asks for it; strata, tags and
 *   weights are not read. Without the addon: one read of the file and one slab.
 * Anything these fast paths do not recognise (the IPC stream format, a compressed batch) goes to the general
 * readers (openSampleSource, loadCorpus), which give the same values.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { RecordBatchReader, type RecordBatch, type Vector } from 'apache-arrow';
import { MANIFEST_FILE, MANIFEST_KEY, SAMPLE_FILE, sampleFilePath } from '../arrow/index.js';
import { readArrowFileSchema } from '../arrow/schema-peek.js';
import type { Metadata } from '../backends/types.js';
import { VecstageError } from '../errors.js';
import { loadNativeKernel } from '../kernel/native-binding.js';

export interface TruthSample {
  /** as given, relative to the cwd (what openSampleSource calls `dir`) */
  dir: string;
  /** the sample.arrow file */
  path: string;
  manifestHash: string;
  dimension: number;
}

/** What computeTruth reads: a Corpus has these too. */
export interface TruthBase {
  ids: readonly string[];
  dim: number;
  /** one slab, or chunks of whole rows in row order (record batches of a mapped file) */
  vectors: Float32Array | readonly Float32Array[];
  /** per row; a lazy loader parses it on first access */
  readonly metadata: ReadonlyArray<Metadata | null>;
}


/** undefined when the file is not an IPC file this reader knows (the caller then uses openSampleSource). */
export function describeTruthSample(sample: string, cwd: string): TruthSample | undefined {
  const abs = resolve(cwd, sample);
  const dir = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
  const shown = relative(cwd, abs) || '.';
  if (!existsSync(abs)) return undefined;
  const path = sampleFilePath(abs);
  const schema = readArrowFileSchema(path);
  if (!schema) return undefined;
  const raw = schema.metadata.get(MANIFEST_KEY);
  const emb = schema.fields.find((f) => f.name === 'embedding');
  const dimension = (emb?.type as { listSize?: number } | undefined)?.listSize;
  if (raw === undefined || dimension === undefined) return undefined;
  const sidecar = join(dir, MANIFEST_FILE);
  const sidecarText = existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : undefined;
  // a document sample (vecstage sample of a document export) has no vectors: the same refusal as openSampleSource
  const docSidecar = statSync(abs).isDirectory() || basename(abs) === SAMPLE_FILE ? sidecarText : undefined;
  if (isDocuments(docSidecar ?? raw)) {
    throw new VecstageError('INPUT', `${shown} is a document sample (no embeddings); build an index from it with \`vecstage build ${shown} --pipeline <name>\``, { details: { sample: shown } });
  }
  const manifestText = sidecarText ?? JSON.stringify(JSON.parse(raw));
  return { dir: shown, path, manifestHash: createHash('sha256').update(manifestText).digest('hex'), dimension };
}

function isDocuments(manifestText: string): boolean {
  try {
    return (JSON.parse(manifestText) as { kind?: unknown }).kind === 'documents';
  } catch {
    return false;
  }
}

/** The file's ids and vectors (see the file comment); undefined when a batch is not one this reader takes. */
export function loadTruthBase(sample: TruthSample): TruthBase | undefined {
  const native = process.env.VECSTAGE_KERNEL === 'js' ? undefined : loadNativeKernel().kernel;
  const size = statSync(sample.path).size;
  let bytes: Uint8Array;
  if (native?.mapFile) bytes = new Uint8Array(native.mapFile(sample.path));
  else if (size <= 2 ** 30) bytes = readFileSync(sample.path);
  else return undefined;
  let reader: RecordBatchReader;
  try {
    reader = RecordBatchReader.from(bytes);
    reader.open();
  } catch (err) {
    throw new VecstageError('INPUT', `not an Arrow IPC file: ${sample.path} (${(err as Error).message})`, { cause: err });
  }
  const dim = sample.dimension;
  const ids: string[] = [];
  const chunks: Float32Array[] = [];
  const metaColumns: Array<{ first: number; rows: number; column: Vector }> = [];
  for (const batch of reader as Iterable<RecordBatch>) {
    if (batch.numRows === 0) continue;
    const id = batch.getChild('id');
    const meta = batch.getChild('metadata');
    const emb = batch.getChild('embedding');
    if (!id || !meta || !emb) throw new VecstageError('INPUT', `${sample.path}: no "${!id ? 'id' : !meta ? 'metadata' : 'embedding'}" column; not a vecstage sample`);
    metaColumns.push({ first: ids.length, rows: batch.numRows, column: meta });
    addIds(id, ids);
    const data = emb.data[0]!;
    const child = data.children[0]!;
    const values = (child.values as Float32Array).subarray(child.offset);
    chunks.push(values.subarray(data.offset * dim, (data.offset + batch.numRows) * dim));
  }
  let metadata: Array<Metadata | null> | undefined;
  return {
    ids,
    dim,
    vectors: chunks.length === 1 ? chunks[0]! : chunks,
    get metadata() {
      if (!metadata) {
        metadata = [];
        for (const { rows, column } of metaColumns) {
          for (let r = 0; r < rows; r++) {
            const m = column.get(r) as string | null;
            metadata.push(m === null ? null : (JSON.parse(m) as Metadata));
          }
        }
      }
      return metadata;
    },
  };
}

/** A Utf8 column's values: ASCII bytes (the usual ids) sliced from one decoded string, anything else per value. */
function addIds(column: Vector, out: string[]): void {
  const data = column.data[0]!;
  const offsets = data.valueOffsets as Int32Array | undefined;
  const bytes = data.values as Uint8Array | undefined;
  const n = column.length;
  if (column.data.length !== 1 || data.nullCount > 0 || !offsets || !bytes) {
    for (let r = 0; r < n; r++) out.push(String(column.get(r)));
    return;
  }
  const o = data.offset;
  const start = offsets[o]!;
  const end = offsets[o + n]!;
  const slice = bytes.subarray(start, end);
  let ascii = true;
  for (let i = 0; i < slice.length; i++) {
    if (slice[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    for (let r = 0; r < n; r++) out.push(String(column.get(r)));
    return;
  }
  const text = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('latin1');
  for (let r = 0; r < n; r++) out.push(text.slice(offsets[o + r]! - start, offsets[o + r + 1]! - start));
}
