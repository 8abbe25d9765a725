/**
 * Arrow input on several threads: pass 1 reads the file's record batches in worker threads (and this thread) by
 * random access, pass 2 builds only the selected rows. The output must be the serial run's, byte for byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrowFileLayout, openSampleWriter } from '../../../src/arrow/index.js';
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

/** 2 and 3 threads (the parallel path) give `serial`'s three output files byte for byte. */
async function assertParallelSameAsSerial(input: string, serial: { files: string[] }, prefix: string): Promise<void> {
  for (const threads of [2, 3]) {
    const par = await sampleWith(input, join(dir, `${prefix}${threads}`), threads);
    assert.is(par.threads, threads, `x${threads}: the parallel path ran`);
    assert.equal(par.files[0], serial.files[0], `x${threads}: rejects.jsonl`);
    assert.equal(par.files[1], serial.files[1], `x${threads}: manifest.json`);
    assert.ok(par.files[2] === serial.files[2], `x${threads}: sample.arrow`);
  }
}

test('an Arrow file of 3 record batches: 2 and 3 threads give the serial output byte for byte', async () => {
  const input = await arrowInput();
  assert.is((await arrowFileLayout(input))?.batches, 3);
  const serial = await sampleWith(input, join(dir, 's1'), 1);
  assert.is(serial.threads, 1);
  const manifest = JSON.parse(Buffer.from(serial.files[1]!, 'base64').toString()) as { counts: { sample_rows: number; rows_read: number } };
  assert.ok(manifest.counts.rows_read > 9000 && manifest.counts.sample_rows > 1000, 'a real sample');
  await assertParallelSameAsSerial(input, serial, 's');
});

test('non-finite, zero and repeated vectors in an Arrow file: the batch-wise stats path gives the serial output', async () => {
  // written directly (import would have rejected the NaN rows): 3 batches of 400 rows x 8 dims
  const path = join(dir, 'special.arrow');
  const w = openSampleWriter(path, 8, JSON.stringify({ kind: 'test' }), 400);
  for (let i = 0; i < 1200; i++) {
    const e = Float32Array.from({ length: 8 }, (_, k) => Math.sin(i * 7 + k) * (1 + (i % 5)));
    if (i % 97 === 5) e[3] = NaN;
    if (i % 131 === 7) e[6] = -Infinity;
    if (i % 89 === 11) e.fill(0);
    if (i % 50 === 25) e.set(Float32Array.from({ length: 8 }, (_, k) => Math.sin(k)));
    const tenant = ['acme', 'beta', 'gamma'][i % 3]!;
    await w.add({ id: `s${i % 1100}`, embedding: e, text: i % 13 ? `text ${i}` : '', metadata: { tenant, lang: i % 2 ? 'en' : 'de' }, stratum: 'x', edgeTags: [], inclusionProb: 1, weight: 1 });
  }
  await w.close();
  assert.is((await arrowFileLayout(path))?.batches, 3);
  const serial = await sampleWith(path, join(dir, 'sp1'), 1);
  const rejects = Buffer.from(serial.files[0]!, 'base64').toString().trim().split('\n').map((l) => JSON.parse(l) as { reason: string; detail: string });
  assert.ok(rejects.some((r) => r.reason === 'non_finite' && /NaN at index 3/.test(r.detail)), 'a NaN row is rejected, naming the value');
  assert.ok(rejects.some((r) => r.reason === 'non_finite' && /-Infinity at index 6/.test(r.detail)), 'an infinite value is named');
  assert.ok(rejects.some((r) => r.reason === 'duplicate_id'), 'repeated ids are rejected');
  await assertParallelSameAsSerial(path, serial, 'sp');
});

test('the dimension inferred over record batches smaller than the inference window, from pooled reads; header errors as serial', async () => {
  // 4 batches of 300 rows x 1,024 floats (1.2 MB bodies: read into one reused buffer); the first 1,000 rows span
  // all four, and a dimension of 1,024 must come out of them as it does serially
  const path = join(dir, 'wide.arrow');
  const w = openSampleWriter(path, 1024, JSON.stringify({ kind: 'test' }), 300);
  for (let i = 0; i < 1200; i++) {
    const e = Float32Array.from({ length: 1024 }, (_, k) => Math.cos(i * 3 + k));
    await w.add({ id: `w${i}`, embedding: e, text: `text ${i}`, metadata: { tenant: ['a', 'b'][i % 2]!, lang: 'en' }, stratum: 'x', edgeTags: [], inclusionProb: 1, weight: 1 });
  }
  await w.close();
  assert.is((await arrowFileLayout(path))?.batches, 4);
  const serial = await sampleWith(path, join(dir, 'w1'), 1);
  const manifest = JSON.parse(Buffer.from(serial.files[1]!, 'base64').toString()) as { embedding: { dimension: number; dimensionSource: string } };
  assert.is(manifest.embedding.dimension, 1024);
  await assertParallelSameAsSerial(path, serial, 'w');
  // an id column the file does not have: the same input error on every path, naming the columns there are
  const messages: string[] = [];
  for (const threads of [1, 2]) {
    const run = resolveRun({ input: path, out: join(dir, `bad${threads}`), seed: '7', stratifyBy: ['tenant'], fraction: 0.15, columns: { id: 'doc_id', metadata: [], metadataJson: 'metadata' } }, false);
    const err = await runExact(run, { threads, minBytesPerThread: 0 }).then(() => undefined, (e: Error) => e);
    assert.match(String(err?.message), /column "doc_id" not found .*columns: id, embedding/, `x${threads}: ${err?.message}`);
    messages.push(String(err?.message));
  }
  assert.is(messages[1], messages[0]);
  // the failed runs left no file open (Linux: /proc/self/fd), the serial one included, whose header error came
  // from inside the dimension inference
  if (existsSync('/proc/self/fd')) {
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    const run = resolveRun({ input: path, out: join(dir, 'bad-fd'), seed: '7', stratifyBy: ['tenant'], fraction: 0.15, columns: { id: 'doc_id', metadata: [], metadataJson: 'metadata' } }, false);
    await runExact(run, { threads: 1, minBytesPerThread: 0 }).catch(() => undefined);
    // the input closes a few ticks after the rejection: wait for it (a leaked fd never closes)
    for (let t = 0; t < 40 && open() > before; t++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(open() <= before, `no file descriptor left open (${before} before, ${open()} after)`);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
