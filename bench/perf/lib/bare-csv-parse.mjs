// Plain JS (run without tsx, like the sampler's CLI). The floor for any CSV sampler: csv-parse over the file with the sampler's reader options, nothing else
// (`--decode` also JSON.parses every embedding cell into a Float32Array: the least real work per row).
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [file, mode] = process.argv.slice(2);
const decode = mode === '--decode';
const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
  parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
);
let rows = 0;
let values = 0;
for await (const { record } of parser) {
  rows++;
  if (decode && rows > 1) {
    try {
      const v = new Float32Array(JSON.parse(record[1] ?? ''));
      values += v.length;
    } catch {
      // a bad row: counted by the sampler, not here
    }
  }
}
process.stdout.write(`${JSON.stringify({ rows: rows - 1, values })}\n`);
