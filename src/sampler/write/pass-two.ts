/**
 * Exact mode's pass 2 (see exact.ts): the selected rows in file order, read again and validated again. A CSV
 * file scanned in parallel in pass 1 is read in parallel again (worker threads parse and validate chunks of
 * selected records, parallel/read-selected-parallel.ts); an Arrow file by record batch, building only the
 * selected rows; anything else is streamed again.
 */
import { BulkEmbedding, readArrowFileBatchRows } from '../../arrow/index.js';
import { VecstageError } from '../../errors.js';
import { columnsRead } from '../scan/arrow-scan.js';
import { allFinite, EmbeddingParser } from '../input/embedding-parse.js';
import type { ByteTap } from '../input/input.js';
import { readSelectedParallel, SelectedWorkerPool } from '../parallel/read-selected-parallel.js';
import { workerUrl } from '../parallel/worker-source.js';
import { validatorOptions, type PassOne } from '../scan/pass-one.js';
import { readSelectedCsv } from './read-selected.js';
import { rowsOf, type ResolvedRun } from '../run-context.js';
import type { SelectedWorkerData } from './selected-chunk.js';
import type { MetadataValue, RawRow } from '../types.js';
import { RowValidator } from '../input/validate-row.js';

/** A selected row, validated again, with its pass-1 row number; the embedding may be a scratch buffer. */
export type PassTwoRow = { r: number; line: number; id: string; embedding: Float32Array; text: string | null; stratum: string } & (
  | { metadata: Record<string, MetadataValue> | null }
  | { metadataJson: string | null }
);

/** Below this many selected rows pass 2 stays in this thread (worker start-up would cost more). */
export const PARALLEL_PASS_TWO_ROWS = 4096;

export function changedBetweenPasses(run: ResolvedRun, line: number): VecstageError {
  return new VecstageError('INPUT', `${run.desc.display} changed between the two passes (line ${line}); sample a stable file`);
}

/**
 * Pass 2's worker threads for a CSV file scanned in parallel in pass 1, started as soon as pass 1 is done (they
 * load while the selection runs); undefined for other inputs and for samples expected below `minRows` rows. One
 * worker fewer than pass 1 had: this thread writes sample.arrow and the sha256 thread is usually still running (two workers measured no faster on 2 cores, with
 * 20 MB more resident memory).
 */
export async function startPassTwoWorkers(run: ResolvedRun, one: PassOne, minRows: number): Promise<SelectedWorkerPool | undefined> {
  if (!one.csv || !one.start || !one.end || one.threads <= 1) return undefined;
  // not for a sample that will be too small to be worth them (the selection is not known yet: its expected size)
  if (one.count * (run.keepAll ? 1 : run.fraction) < minRows) return undefined;
  const data: SelectedWorkerData = {
    kind: 'selected-csv',
    path: run.desc.path as string,
    source: run.desc.display,
    csv: { header: one.csv.header, recordDelimiter: one.csv.recordDelimiter, parser: one.csv.parser, columns: run.spec.columns },
    validator: validatorOptions(run),
  };
  return new SelectedWorkerPool(await workerUrl(), data, Math.max(1, one.threads - 1));
}

/**
 * Pass 2's rows in file order, a chunk at a time: with a worker pool (startPassTwoWorkers) and at least `minRows`
 * selected rows, worker threads parse and validate chunks of selected records (read-selected-parallel.ts);
 * otherwise this thread reads them. The pool is closed either way. The caller counts the rows: a file that changed
 * between the passes can yield fewer.
 */
export async function* passTwoRows(run: ResolvedRun, one: PassOne, chosenByRec: Map<number, number>, minRows: number, pool: SelectedWorkerPool | undefined, used: { threads: number }): AsyncGenerator<PassTwoRow[]> {
  if (pool && one.start && one.end && chosenByRec.size >= minRows && chosenByRec.size > 0) {
    used.threads = one.threads;
    const dim = run.embedding.dimension;
    for await (const { rows: chunk, columns: c } of readSelectedParallel(pool, { rows: inFileOrder(chosenByRec, one.start), start: one.start, end: one.end, line: one.line })) {
      const batch: PassTwoRow[] = [];
      for (let i = 0; i < chunk.length; i++) {
        const r = chunk[i] as number;
        batch.push({ r, line: one.line[r] as number, id: c.ids[i] as string, embedding: c.embeddings.subarray(i * dim, (i + 1) * dim), text: c.texts[i] ?? null, metadataJson: c.metadata[i] ?? null, stratum: c.strata[i] as string });
      }
      // a chunk at a time: one await per chunk, not per row
      yield batch;
    }
    return;
  }
  pool?.close();
  const parser = new EmbeddingParser();
  const validator = new RowValidator(validatorOptions(run), parser);
  if (one.arrowFile) {
    yield* arrowRows(run, chosenByRec, validator, parser);
    return;
  }
  for await (const { r, raw } of selectedRows(run, one, chosenByRec)) {
    const v = validator.validate(raw);
    if (!v.ok) throw changedBetweenPasses(run, raw.line);
    // one row at a time: its embedding is the parser's scratch buffer, which the next row overwrites
    yield [{ r, line: raw.line, id: v.row.id, embedding: parser.values, text: v.row.text, metadata: v.row.metadata, stratum: v.row.stratum }];
  }
}

/** The selected rows, in file order, each with its pass-1 row number. */
async function* selectedRows(run: ResolvedRun, one: PassOne, chosenByRec: Map<number, number>): AsyncGenerator<{ r: number; raw: RawRow }> {
  if (one.csv && one.start && one.end) {
    const csv = { header: one.csv.header, recordDelimiter: one.csv.recordDelimiter, parser: one.csv.parser, columns: run.spec.columns };
    for await (const { row, raw } of readSelectedCsv(run.desc.path as string, run.desc.display, csv, { rows: inFileOrder(chosenByRec, one.start), start: one.start, end: one.end, line: one.line })) {
      yield { r: row, raw };
    }
    return;
  }
  const tap: ByteTap = { bytes: 0, sha256: () => '' };
  let rec = 0;
  for await (const raw of rowsOf(run, tap, chosenByRec)) {
    const r = chosenByRec.get(rec++);
    if (r !== undefined) yield { r, raw };
  }
}

/**
 * An Arrow file's selected rows, a record batch at a time (one await per batch, not per row): a row's embedding
 * is its view into the batch (float32 lists, which validation found finite) or a copy of the parser's, valid
 * until the next batch is asked for.
 */
async function* arrowRows(run: ResolvedRun, chosenByRec: Map<number, number>, validator: RowValidator, parser: EmbeddingParser): AsyncGenerator<PassTwoRow[]> {
  const selected = Uint32Array.from(chosenByRec.keys()).sort();
  const column = run.spec.columns.embedding;
  let fields: readonly string[] | undefined;
  let at = -1;
  for await (const rows of readArrowFileBatchRows(run.desc.path as string, { from: 0, selected, columns: columnsRead(validatorOptions(run)), reuseBuffer: true, sparseVectors: column })) {
    const batch: PassTwoRow[] = [];
    for (const raw of rows) {
      if (raw.fields !== fields) {
        fields = raw.fields;
        at = fields.indexOf(column);
      }
      const cell = raw.values[at];
      // a float32 list with every value finite goes to the writer as it is: the validator gets the marker of a
      // checked vector instead of copying it into the parser's buffer
      const view = cell instanceof Float32Array && allFinite(cell) ? cell : undefined;
      if (view) (raw.values as unknown[])[at] = new BulkEmbedding(view.length);
      const v = validator.validate(raw);
      if (!v.ok) throw changedBetweenPasses(run, raw.line);
      const vector = view ?? parser.values.slice(0, v.row.length);
      batch.push({ r: chosenByRec.get(raw.line - 1) as number, line: raw.line, id: v.row.id, embedding: vector, text: v.row.text, metadata: v.row.metadata, stratum: v.row.stratum });
    }
    if (batch.length) yield batch;
  }
}

/** The selected pass-1 rows, sorted by their byte offset in the file. */
function inFileOrder(chosenByRec: Map<number, number>, start: Float64Array): Uint32Array {
  return Uint32Array.from(chosenByRec.values()).sort((a, b) => (start[a] as number) - (start[b] as number));
}
