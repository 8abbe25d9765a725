/** CSV rows via csv-parse (streaming; the only module importing csv-parse). The first record is the header. */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { VecstageError } from '../../errors.js';
import type { RawRow } from '../types.js';

interface CsvInfo {
  lines: number;
  empty_lines: number;
}

export async function* readCsv(bytes: Readable, source: string): AsyncGenerator<RawRow> {
  const parser = bytes.pipe(
    parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  bytes.on('error', (err) => parser.destroy(err));
  let header: string[] | undefined;
  // csv-parse reports the line where a record ends; the start is the previous end + 1 + skipped empty lines
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
      const { record, info } = item;
      const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
      prevEnd = info.lines;
      prevEmpty = info.empty_lines;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line,
          fields: header,
          values: record,
          error: { reason: 'unparseable_row', column: null, detail: `expected ${header.length} fields (header, line 1), got ${record.length}` },
        };
        continue;
      }
      yield { line, fields: header, values: record };
    }
  } catch (err) {
    if (err instanceof VecstageError) throw err;
    const e = err as Error & { lines?: number; code?: string };
    const at = e.lines !== undefined ? `${source}:${e.lines}` : source;
    throw new VecstageError('INPUT', `unparseable CSV at ${at}: ${e.message.replace(/^Invalid [^:]*: /, '')}`, { cause: err });
  }
  if (header === undefined) throw new VecstageError('INPUT', `empty input: ${source} has no header line; expected a CSV header (id,embedding,...) and rows`);
}
