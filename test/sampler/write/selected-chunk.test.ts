/**
 * Pass 2's chunk reader (the worker side of the parallel pass 2): the selected records come back as writer-ready
 * columns in order, and a record that no longer validates where pass 1 found it is reported with its line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_ROWS, readSelectedParallel, SelectedWorkerPool } from '../../../src/sampler/parallel/read-selected-parallel.js';
import { SelectedChunkReader, type SelectedWorkerData } from '../../../src/sampler/write/selected-chunk.js';
import { defaultSpec } from '../../../src/sampler/spec/spec-defaults.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-chunk-'));
const header = 'id,embedding,text,tenant,lang';
const records = ['a,"[1,2,3]",hello,acme,en', 'b,"[4,5,6]",,acme,de', 'c,"[7,8,9]","x, y",beta,en'];

function file(name: string, recs: string[]): { path: string; start: Float64Array; end: Float64Array; line: Uint32Array } {
  const text = `${header}\n${recs.join('\n')}\n`;
  const path = join(dir, name);
  writeFileSync(path, text);
  const start: number[] = [];
  const end: number[] = [];
  let at = header.length + 1;
  for (const r of recs) {
    start.push(at);
    at += Buffer.byteLength(r) + 1;
    end.push(at);
  }
  return { path, start: Float64Array.from(start), end: Float64Array.from(end), line: Uint32Array.from(recs, (_, i) => i + 2) };
}

function data(path: string): SelectedWorkerData {
  const columns = { ...defaultSpec().columns };
  return {
    kind: 'selected-csv',
    path,
    source: 'prod.csv',
    csv: { header: header.split(','), recordDelimiter: '\n', parser: 'scanner', columns },
    validator: { columns, stratifyBy: ['tenant', 'lang'], dimension: 3, headered: true, source: 'prod.csv' },
  };
}

test('the selected records (1st and 3rd) come back as columns, in order', async () => {
  const f = file('ok.csv', records);
  const reader = new SelectedChunkReader(data(f.path));
  const pick = [0, 2];
  const r = await reader.read({ k: 4, start: Float64Array.from(pick, (i) => f.start[i]!), end: Float64Array.from(pick, (i) => f.end[i]!), line: Uint32Array.from(pick, (i) => f.line[i]!) });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.k, 4);
  assert.equal(r.ids, ['a', 'c']);
  assert.equal(r.texts, ['hello', 'x, y']);
  assert.equal(r.strata, ['tenant=acme,lang=en', 'tenant=beta,lang=en']);
  assert.equal(r.metadata.map((m) => JSON.parse(m!)), [{ tenant: 'acme', lang: 'en' }, { tenant: 'beta', lang: 'en' }]);
  assert.equal(Array.from(r.embeddings), [1, 2, 3, 7, 8, 9]);
});

test('a record changed since pass 1 is reported with its line, not read as something else', async () => {
  const f = file('changed.csv', records);
  // the file is rewritten: record 2 now has a NaN where a number was, record 3 is longer than its old span
  writeFileSync(f.path, readFileSync(f.path, 'utf8').replace('[4,5,6]', '[4,NaN,6]').replace('"x, y"', '"x, y, and a much longer text"'));
  const reader = new SelectedChunkReader(data(f.path));
  const r2 = await reader.read({ k: 0, start: f.start.subarray(1, 2), end: f.end.subarray(1, 2), line: f.line.subarray(1, 2) });
  assert.equal(r2, { k: 0, ok: false, line: 3 });
  const r3 = await reader.read({ k: 1, start: f.start.subarray(2, 3), end: f.end.subarray(2, 3), line: f.line.subarray(2, 3) });
  assert.is(r3.ok, false);
  assert.is((r3 as { line?: number }).line, 4);
});

test('chunks whose worker dies are read by this thread instead: same columns, same order', async () => {
  const many = Array.from({ length: 3000 }, (_, i) => `r${i},"[${i},${i + 1},${i + 2}]",text ${i},t${i % 3},en`);
  const f = file('many.csv', many);
  const rows = Uint32Array.from({ length: many.length }, (_, i) => i).filter((i) => i % 2 === 0);
  assert.ok(rows.length > CHUNK_ROWS, 'several chunks');
  // a worker that throws as it starts: every chunk it was given falls back to this thread
  const broken = new URL(`data:text/javascript,${encodeURIComponent('throw new Error("boom")')}`);
  const ids: string[] = [];
  const firsts: number[] = [];
  for await (const { rows: got, columns } of readSelectedParallel(new SelectedWorkerPool(broken, data(f.path), 2), { rows, start: f.start, end: f.end, line: f.line })) {
    assert.is(got.length, columns.ids.length);
    ids.push(...columns.ids);
    for (let i = 0; i < columns.ids.length; i++) firsts.push(columns.embeddings[i * 3]!);
  }
  assert.equal(ids, Array.from(rows, (i) => `r${i}`));
  assert.equal(firsts, Array.from(rows));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
