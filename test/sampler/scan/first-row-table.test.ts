import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FirstRowTable } from '../../../src/sampler/scan/first-row-table.js';
import { seededRandom } from '../../../src/random.js';

test('finds the first row with the same 64-bit key, exactly, whatever the hash collisions', () => {
  const n = 20_000;
  const rand = seededRandom(3);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    // few distinct hi words and lo words that share bits: many table collisions, few equal keys
    hi[r] = Math.floor(rand() * 64);
    lo[r] = (Math.floor(rand() * 4000) << 8) ^ hi[r]!;
  }
  const table = new FirstRowTable(n);
  const reference = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const got = table.firstOf(r, hi, lo, hi[r]!, lo[r]!);
    const key = `${hi[r]}:${lo[r]}`;
    const want = reference.get(key);
    assert.is(got, want ?? -1, `row ${r}`);
    if (want === undefined) reference.set(key, r);
  }
  assert.ok(reference.size < n && reference.size > n / 2, 'the data has repeats and distinct keys');
});

test('with ids, equal keys of different ids are different rows', () => {
  const hi = Uint32Array.of(7, 7, 7, 7);
  const lo = Uint32Array.of(9, 9, 9, 9);
  const ids = ['a', 'b', 'a', 'b'];
  const table = new FirstRowTable(4);
  assert.equal([0, 1, 2, 3].map((r) => table.firstOf(r, hi, lo, hi[r]!, lo[r]!, ids, ids[r])), [-1, -1, 0, 1]);
});

test.run();
