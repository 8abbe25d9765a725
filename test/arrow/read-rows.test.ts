/**
 * readArrowFileBatches: random access by record batch, only the selected rows and columns, and (reuseBuffer) every
 * large batch body read into one reused buffer, which must engage with the apache-arrow version installed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrowFileLayout, openSampleWriter, readArrowFileBatches } from '../../src/arrow/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-read-rows-'));
const DIM = 384;
const ROWS = 3000;
const path = join(dir, 'rows.arrow');

test.before(async () => {
  // batches of 1,000 rows x 384 floats: 1.5 MB bodies, above the pooled-read threshold (1 MiB)
  const w = openSampleWriter(path, DIM, '{}', 1000);
  for (let i = 0; i < ROWS; i++) {
    const e = Float32Array.from({ length: DIM }, (_, k) => i + k / 1000);
    await w.add({ id: `r${i}`, embedding: e, text: `text ${i}`, metadata: { n: i }, stratum: 's', edgeTags: i % 7 ? [] : ['x'], inclusionProb: 1, weight: 1 });
  }
  await w.close();
});

async function collect(opts: Parameters<typeof readArrowFileBatches>[1]) {
  const out: Array<{ line: number; id: unknown; text: unknown; first: number; last: number; buffer: ArrayBufferLike | undefined }> = [];
  for await (const raw of readArrowFileBatches(path, opts)) {
    const e = raw.values[raw.fields.indexOf('embedding')] as Float32Array | undefined;
    // copy what is kept before asking for the next row, as the contract requires
    out.push({ line: raw.line, id: raw.values[raw.fields.indexOf('id')], text: raw.values[raw.fields.indexOf('text')], first: e?.[0] ?? NaN, last: e?.[DIM - 1] ?? NaN, buffer: e?.buffer });
  }
  return out;
}

test('reuseBuffer reads the same rows as fresh buffers, and really reuses one buffer', async () => {
  assert.is((await arrowFileLayout(path))?.batches, 3);
  const fresh = await collect({ from: 0 });
  const pooled = await collect({ from: 0, reuseBuffer: true });
  assert.is(fresh.length, ROWS);
  assert.equal(pooled.map(({ buffer: _b, ...r }) => r), fresh.map(({ buffer: _b, ...r }) => r));
  assert.is(pooled[2999]!.first, 2999);
  assert.ok(Math.abs(pooled[2999]!.last - (2999 + 383 / 1000)) < 1e-3);
  // fresh reads: one buffer per batch; pooled: the three batches share one
  assert.is(new Set(fresh.map((r) => r.buffer)).size, 3);
  assert.is(new Set(pooled.map((r) => r.buffer)).size, 1, 'the pooled read is in effect with this apache-arrow');
});

test('from/to, selected rows and columns: lines count from the first batch read; unread columns are undefined', async () => {
  const rows = await collect({ from: 1, to: 3, selected: Uint32Array.from([0, 500, 1000, 1500]), columns: new Set(['id', 'embedding']), reuseBuffer: true });
  assert.equal(rows.map((r) => [r.line, r.id, r.first, r.text]), [[1, 'r1000', 1000, undefined], [501, 'r1500', 1500, undefined], [1001, 'r2000', 2000, undefined], [1501, 'r2500', 2500, undefined]]);
  const counted = { count: 0 };
  for await (const _ of readArrowFileBatches(path, { from: 0, selected: new Uint32Array(0) }, counted)) assert.unreachable('no row is selected');
  assert.is(counted.count, ROWS, 'rows not selected are still counted');
});

test('selected rows (sorted numbers) = the same rows of a full read, across batch boundaries; numbers past the end are not built', async () => {
  const pick = [0, 999, 1000, 1001, 2500, 2999];
  const bySelected = await collect({ from: 0, selected: Uint32Array.from([...pick, 3000, 4000]), reuseBuffer: true });
  const all = await collect({ from: 0 });
  assert.equal(bySelected.map(({ buffer: _b, ...r }) => r), pick.map((i) => all[i]!).map(({ buffer: _b, ...r }) => r));
  assert.equal(bySelected.map((r) => r.id), pick.map((i) => `r${i}`));
  // counted from batch `from`
  assert.equal((await collect({ from: 1, selected: Uint32Array.from([0, 1500]) })).map((r) => [r.line, r.id]), [[1, 'r1000'], [1501, 'r2500']]);
});

test('sparse reads (the selected rows of the vector column, the listed columns): the rows of a whole read', async () => {
  // rows on both sides of batch boundaries, runs of neighbours (read through) and lone rows
  const selected = Uint32Array.from([0, 1, 2, 7, 500, 998, 999, 1000, 1001, 1500, 1999, 2000, 2600, 2997, 2999]);
  const columns = new Set(['id', 'embedding', 'text']);
  const whole = await collect({ from: 0, selected, columns, reuseBuffer: true });
  const sparse = await collect({ from: 0, selected, columns, reuseBuffer: true, sparseVectors: 'embedding' });
  assert.is(sparse.length, selected.length);
  assert.equal(sparse.map(({ buffer: _b, ...r }) => r), whole.map(({ buffer: _b, ...r }) => r));
  assert.equal(sparse.map((r) => r.first), [...selected]);
  // without pooled reads there is nothing to read sparsely: whole batches, the same rows
  assert.equal((await collect({ from: 0, selected, columns, sparseVectors: 'embedding' })).map(({ buffer: _b, ...r }) => r), whole.map(({ buffer: _b, ...r }) => r));
});

test('arrowFileLayout: batches and column names of an IPC file; undefined for the stream format; other errors thrown', async () => {
  assert.equal(await arrowFileLayout(path), { batches: 3, fields: ['id', 'embedding', 'text', 'metadata', 'stratum', 'edge_tags', 'inclusion_prob', 'weight'] });
  const stream = join(dir, 'rows.arrows');
  writeFileSync(stream, tableToIPC(tableFromArrays({ id: ['a', 'b'] }), 'stream'));
  assert.is(await arrowFileLayout(stream), undefined);
  const err = await arrowFileLayout(join(dir, 'missing.arrow')).then(() => undefined, (e: Error) => e);
  assert.match(String(err?.message), /ENOENT/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
