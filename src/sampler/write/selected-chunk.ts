/**
 * Pass 2 of exact mode, one chunk of selected CSV records (a worker thread's part of
 * parallel/read-selected-parallel.ts): read by byte span, validated, and handed back as columns ready for the
 * sample writer (ids, texts, metadata as JSON text, strata, the embeddings back to back in one transferable
 * Float32Array). A record that no longer validates means the file changed between the passes: the chunk
 * reports its line and the main thread stops with the same error as the serial pass 2.
 */
import { EmbeddingParser } from '../input/embedding-parse.js';
import { readSelectedCsv, type SelectedCsv } from './read-selected.js';
import { RowValidator, type ValidatorOptions } from '../input/validate-row.js';

export interface SelectedWorkerData {
  kind: 'selected-csv';
  path: string;
  source: string;
  csv: SelectedCsv;
  validator: ValidatorOptions;
}

/** Records in file order: byte spans and pass-1 lines. */
export interface SelectedChunk {
  k: number;
  start: Float64Array;
  end: Float64Array;
  line: Uint32Array;
}

export type SelectedChunkResult =
  | { k: number; ok: true; ids: string[]; texts: Array<string | null>; metadata: Array<string | null>; strata: string[]; embeddings: Float32Array }
  | { k: number; ok: false; line: number }
  /** the worker failed in some other way: the main thread reads the chunk itself */
  | { k: number; ok: false; line: undefined; message: string };

export class SelectedChunkReader {
  private readonly parser = new EmbeddingParser();
  private readonly validator: RowValidator;

  constructor(private readonly data: SelectedWorkerData) {
    this.validator = new RowValidator(data.validator, this.parser);
  }

  async read(chunk: SelectedChunk): Promise<SelectedChunkResult> {
    try {
      return await this.readChunk(chunk);
    } catch (err) {
      // readSelectedCsv's own "changed between the two passes" (a span that no longer holds one record)
      const line = /\(line (\d+)\)/.exec((err as Error).message)?.[1];
      return line !== undefined ? { k: chunk.k, ok: false, line: Number(line) } : { k: chunk.k, ok: false, line: undefined, message: (err as Error).message };
    }
  }

  private async readChunk(chunk: SelectedChunk): Promise<SelectedChunkResult> {
    const n = chunk.start.length;
    const dim = this.data.validator.dimension;
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const out = { ids: [] as string[], texts: [] as Array<string | null>, metadata: [] as Array<string | null>, strata: [] as string[], embeddings: new Float32Array(n * dim) };
    let i = 0;
    for await (const { raw } of readSelectedCsv(this.data.path, this.data.source, this.data.csv, { rows, start: chunk.start, end: chunk.end, line: chunk.line })) {
      const v = this.validator.validate(raw);
      if (!v.ok) return { k: chunk.k, ok: false, line: raw.line };
      out.ids.push(v.row.id);
      out.texts.push(v.row.text);
      out.metadata.push(v.row.metadata === null ? null : JSON.stringify(v.row.metadata));
      out.strata.push(v.row.stratum);
      out.embeddings.set(this.parser.values.subarray(0, dim), i * dim);
      i++;
    }
    if (i !== n) return { k: chunk.k, ok: false, line: chunk.line[i] ?? chunk.line[n - 1] ?? 0 };
    return { k: chunk.k, ok: true, ...out };
  }
}
