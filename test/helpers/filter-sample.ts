/**
 * A real sample for the filtered-workload tests, made as a user makes one: `vecstage generate` (tenants x
 * languages x doc types, missing metadata injected) then `vecstage import` (every valid row into sample.arrow).
 * Plus an independent reading of its metadata straight from the Arrow file, for counts that do not go through
 * vecstage's readers.
 */
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { runCli } from './cli.js';

export async function filterSampleProject(rows = 3000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-filters-'));
  let r = await runCli(['generate', '--out', 'export.csv', '--rows', String(rows), '--dim', '16', '--seed', '3'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  r = await runCli(['import', 'export.csv', '--out', 'sample'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  return dir;
}

/** Every row's metadata object (null when the cell is null), parsed from sample.arrow's metadata column. */
export function arrowMetadata(sampleDir: string): Array<Record<string, unknown> | null> {
  const table = tableFromIPC(readFileSync(join(sampleDir, 'sample.arrow')));
  const col = table.getChild('metadata');
  assert.ok(col, 'sample.arrow has a metadata column');
  const out: Array<Record<string, unknown> | null> = [];
  for (let i = 0; i < table.numRows; i++) {
    const cell = col.get(i) as string | null;
    out.push(cell === null ? null : (JSON.parse(cell) as Record<string, unknown>));
  }
  return out;
}
