/**
 * Prototype for the sampler owner: how fast can CSV input go? On the same generated export as bench/perf/sampler:
 * csv-parse (the sampler's reader) against an indexOf-based RFC 4180 scanner that also parses every vector and
 * decodes every text (lib/fast-csv.ts), on 1 and 2 worker threads (ranges split by quote parity), and DuckDB.
 * All scanner runs must agree on records, malformed records, values and a checksum (checked here).
 * Flags: --rows N (default 100000), --dim D (768), --repeat R (1), --workers 1,2.
 */
import { ensureExport } from './lib/data.js';
import { medianOf, runNode, type ChildRun } from './lib/measure.js';
import { argValue, fmt, printTable } from './lib/table.js';

const COLUMNS = ['id', 'embedding', 'text', 'tenant', 'lang', 'doc_type', 'created_at'];

export async function run(argv: string[]): Promise<void> {
  const rows = Number(argValue(argv, 'rows') ?? 100000);
  const dim = Number(argValue(argv, 'dim') ?? 768);
  const repeat = Number(argValue(argv, 'repeat') ?? 1);
  const workers = (argValue(argv, 'workers') ?? '1,2').split(',').map(Number);
  const data = await ensureExport(rows, dim);
  const med = (label: string, script: string, args: string[]) => medianOf(repeat, () => runNode(label, script, args, { tsx: true }));
  const runs: ChildRun[] = [];
  const bare = await med('csv-parse (tokenise only)', 'bench/perf/lib/bare-csv-parse.mjs', [data.path]);
  runs.push(bare);
  runs.push(await med('csv-parse + JSON.parse vectors', 'bench/perf/lib/bare-csv-parse.mjs', [data.path, '--decode']));
  const scans: ChildRun[] = [];
  for (const w of workers) scans.push(await med(`indexOf scanner + vector parse, ${w} thread${w > 1 ? 's' : ''}`, 'bench/perf/lib/fast-csv-run.ts', [data.path, String(w), String(dim)]));
  runs.push(...scans);
  const readCsv = `read_csv('${data.path}', auto_detect=false, header=true, delim=',', quote='"', escape='"', strict_mode=false, columns={${COLUMNS.map((c) => `'${c}':'VARCHAR'`).join(',')}})`;
  const duck = await med('duckdb count(*), TRY_CAST vectors', 'bench/perf/lib/duckdb-run.mjs', [
    `SELECT count(*) AS n, count(TRY_CAST(embedding AS FLOAT[${dim}])) AS v FROM ${readCsv}`,
  ]);
  runs.push(duck);
  const outputs = scans.map((s) => s.stdout.trim());
  if (new Set(outputs).size !== 1) throw new Error(`scanner runs disagree:\n${outputs.join('\n')}`);
  process.stdout.write(`input: ${data.path} (${fmt(data.bytes / 1e6)} MB); scanner result (same for every thread count): ${outputs[0]}\n`);
  printTable(['contender', 'wall s', 'cpu s', 'MB/s', 'x csv-parse (wall)', 'x csv-parse (cpu)', 'x duckdb (wall)', 'peak RSS MB'],
    runs.map((r) => [r.label, r.ms / 1000, r.cpuMs / 1000, data.bytes / 1e6 / (r.ms / 1000), `${fmt(r.ms / bare.ms)}x`, `${fmt(r.cpuMs / bare.cpuMs)}x`, `${fmt(r.ms / duck.ms)}x`, (r.maxRssKB * 1024) / 1e6]));
}
