/**
 * Arrow input on several threads: pass 1 reads the file's record batches in worker threads (and this thread) by
 * random access, pass 2 builds only the selected rows. The output must be the serial run's, byte for byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrowFileBatches } from '../../../src/arrow/index.js';
import { runExact } from '../../../src/sampler/exact.js';
import { importRows, resolveRun } from '../../../src/sampler/sample.js';
import { buildProdCsv } from '../../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-parallel-arrow-'));

async function arrowInput(): Promise<string> {
  const data = buildProdCsv({ rows: 9500, dim: 8, seed: 11 });
  const csv = join(dir, 'prod.csv');
  writeFileSync(csv, `${data.header}\n${data.lines.join('\n')}\n`);
  // import keeps every valid row; the sample writer cuts record batches of 4,096 rows
  await importRows({ input: csv, out: join(dir, 'imported'), seed: '1' });
  return join(dir, 'imported', 'sample.arrow');
}

async function sampleWith(input: string, out: string, threads: number): Promise<{ files: string[]; threads: number }> {
  const run = resolveRun({ input, out, seed: '7', stratifyBy: ['tenant', 'lang'], fraction: 0.15, columns: { metadata: [], metadataJson: 'metadata' } }, false);
  const r = await runExact(run, { threads, minBytesPerThread: 0 });
  return { files: ['rejects.jsonl', 'manifest.json', 'sample.arrow'].map((f) => readFileSync(join(out, f)).toString('base64')), threads: r.threads };
}

test('an Arrow file of 3 record batches: 2 and 3 threads give the serial output byte for byte', async () => {
  const input = await arrowInput();
  assert.is(await arrowFileBatches(input), 3);
  const serial = await sampleWith(input, join(dir, 's1'), 1);
  assert.is(serial.threads, 1);
  const manifest = JSON.parse(Buffer.from(serial.files[1]!, 'base64').toString()) as { counts: { sample_rows: number; rows_read: number } };
  assert.ok(manifest.counts.rows_read > 9000 && manifest.counts.sample_rows > 1000, 'a real sample');
  for (const threads of [2, 3]) {
    const par = await sampleWith(input, join(dir, `s${threads}`), threads);
    assert.is(par.threads, threads, `x${threads}: the parallel path ran`);
    assert.equal(par.files[0], serial.files[0], `x${threads}: rejects.jsonl`);
    assert.equal(par.files[1], serial.files[1], `x${threads}: manifest.json`);
    assert.ok(par.files[2] === serial.files[2], `x${threads}: sample.arrow`);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
