/**
 * The synthetic export generator (src/synth): rows/s and MB/s for CSV and JSONL, against writing the same number
 * of bytes from a reused buffer (the disk floor) in the same run. Flags: --rows N (default 20000), --dim D (768).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DATA_DIR } from './lib/data.js';
import { assertOk, runNode, type ChildRun } from './lib/measure.js';
import { argValue, fmt, printTable } from './lib/table.js';

export async function run(argv: string[]): Promise<void> {
  const rows = Number(argValue(argv, 'rows') ?? 20000);
  const dim = String(Number(argValue(argv, 'dim') ?? 768));
  mkdirSync(DATA_DIR, { recursive: true });
  const out = join(DATA_DIR, 'generator-bench.tmp');
  const script = 'bench/perf/lib/run-generate.ts';
  const runs: Array<[ChildRun, number]> = [];
  for (const format of ['csv', 'jsonl']) {
    const r = assertOk(await runNode(`generate ${format}`, script, [out, String(rows), dim, format], { tsx: true }));
    runs.push([r, (JSON.parse(r.stdout) as { bytes: number }).bytes]);
  }
  const bytes = runs[0]![1];
  const floor = assertOk(await runNode('write the same bytes (disk floor)', script, [out, '0', '0', '--raw', String(bytes)], { tsx: true }));
  runs.push([floor, bytes]);
  printTable(['contender', 'wall s', 'cpu s', 'rows/s', 'MB/s', 'x disk floor', 'peak RSS MB'],
    runs.map(([r, b]) => [r.label, r.ms / 1000, r.cpuMs / 1000, r === floor ? '' : fmt(rows / (r.ms / 1000)), b / 1e6 / (r.ms / 1000), `${fmt(r.ms / floor.ms)}x`, (r.maxRssKB * 1024) / 1e6]));
}
