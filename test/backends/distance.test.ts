import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareRanked, distanceFromSimilarity, exactDistance, similarityFromDistance } from '../../src/backends/distance.js';

const a = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const b = Float32Array.from([0, 1, 0, -1, 2, 0.5, 0, 0, 3, -2, 1]);

test('exact distances follow the convention (cosine 1-cos, ip 1-dot, l2 squared)', () => {
  let dot = 0, aa = 0, bb = 0, l2 = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!; aa += a[i]! * a[i]!; bb += b[i]! * b[i]!; l2 += (a[i]! - b[i]!) ** 2;
  }
  assert.is(exactDistance('ip', a, 0, b, 0, a.length), 1 - dot);
  assert.is(exactDistance('l2', a, 0, b, 0, a.length), l2);
  assert.ok(Math.abs(exactDistance('cosine', a, 0, b, 0, a.length) - (1 - dot / Math.sqrt(aa * bb))) < 1e-15);
  assert.is(exactDistance('cosine', a, 0, a, 0, a.length), 0);
  assert.is(exactDistance('l2', a, 0, a, 0, a.length), 0);
});

test('offsets select rows; a zero vector is at cosine distance 1', () => {
  const m = Float32Array.from([9, 9, 1, 0, 0, 1]);
  assert.is(exactDistance('l2', m, 2, m, 4, 2), 2);
  assert.is(exactDistance('cosine', m, 2, new Float32Array(2), 0, 2), 1);
});

test('similarity conversions and the ranking order', () => {
  assert.is(distanceFromSimilarity('cosine', 0.75), 0.25);
  assert.is(distanceFromSimilarity('ip', 3), -2);
  assert.is(distanceFromSimilarity('l2', 4), 4);
  assert.is(similarityFromDistance('ip', distanceFromSimilarity('ip', 0.5)), 0.5);
  const rows = [{ d: 1, i: 4 }, { d: 0.5, i: 9 }, { d: 1, i: 2 }];
  rows.sort((x, y) => compareRanked(x.d, x.i, y.d, y.i));
  assert.equal(rows.map((r) => r.i), [9, 2, 4]);
});

test.run();
