import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chunkRecords, recordBytes } from '../../../src/backends/chroma/batches.js';
import type { VectorRecord } from '../../../src/backends/types.js';

const rec = (i: number, dim: number): VectorRecord => ({ id: `r${i}`, values: new Float32Array(dim) });

test('chunks respect the record cap', () => {
  const chunks = chunkRecords(Array.from({ length: 10 }, (_, i) => rec(i, 4)), 4, { records: 4, bytes: 1e9, base64: true });
  assert.equal(chunks.map((c) => c.length), [4, 4, 2]);
  assert.equal(chunks.flat().map((r) => r.id), Array.from({ length: 10 }, (_, i) => `r${i}`), 'order kept, nothing lost');
});

test('chunks respect the byte budget (wide embeddings hit it before the record cap)', () => {
  const dim = 1536;
  const one = recordBytes(rec(0, dim), dim, true);
  assert.is(one, 8192 + 4 + 4 + 32, 'base64: 4/3 x 4 bytes per float, plus id, metadata and punctuation');
  const chunks = chunkRecords(Array.from({ length: 10 }, (_, i) => rec(i, dim)), dim, { records: 5461, bytes: one * 3, base64: true });
  assert.equal(chunks.map((c) => c.length), [3, 3, 3, 1]);
});

test('a record larger than the budget still goes, alone', () => {
  assert.equal(chunkRecords([rec(0, 8), rec(1, 8)], 8, { records: 10, bytes: 1, base64: false }).map((c) => c.length), [1, 1]);
  assert.equal(chunkRecords([], 8, { records: 10, bytes: 100, base64: false }), []);
});

test.run();
