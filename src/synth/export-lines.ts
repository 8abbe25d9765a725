import { ByteSink } from './byte-sink.js';
import type { ExportPlan } from './plan.js';
import { buildRow } from './row.js';
import { CSV_HEADER, csvLine, jsonlLine, writeCsvRow, writeJsonlRow } from './serialize.js';

/** The export's text, one record (line) at a time: the header (CSV) then rows [from, to). */
export function* exportLines(plan: ExportPlan, from = 0, to = plan.options.rows): Generator<string> {
  const csv = plan.options.format === 'csv';
  if (csv && from === 0) yield CSV_HEADER;
  const line = csv ? csvLine : jsonlLine;
  for (let i = from; i < to; i++) yield line(buildRow(plan, i));
}

/**
 * The same bytes, written into `sink` row by row; calls `flush` whenever the sink holds at least `chunkBytes`
 * (the caller writes sink.buf[0, sink.pos) and resets pos before resolving).
 */
export async function writeExportRows(plan: ExportPlan, sink: ByteSink, chunkBytes: number, flush: (rowsDone: number) => Promise<void>): Promise<void> {
  const csv = plan.options.format === 'csv';
  if (csv) sink.ascii(CSV_HEADER);
  const write = csv ? writeCsvRow : writeJsonlRow;
  const n = plan.options.rows;
  for (let i = 0; i < n; i++) {
    write(sink, buildRow(plan, i));
    if (sink.pos >= chunkBytes) await flush(i + 1);
  }
  await flush(n);
}
