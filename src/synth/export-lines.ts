import type { ExportPlan } from './plan.js';
import { buildRow } from './row.js';
import { CSV_HEADER, csvLine, jsonlLine } from './serialize.js';

/** The export's text, one record (line) at a time: the header (CSV) then rows [from, to). */
export function* exportLines(plan: ExportPlan, from = 0, to = plan.options.rows): Generator<string> {
  const csv = plan.options.format === 'csv';
  if (csv && from === 0) yield CSV_HEADER;
  const line = csv ? csvLine : jsonlLine;
  for (let i = from; i < to; i++) yield line(buildRow(plan, i));
}
