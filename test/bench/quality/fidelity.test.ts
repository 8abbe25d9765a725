import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recallAtK, tieAwareRecall } from '../../../src/bench/quality/index.js';

// exact neighbours: a 0.1, b 0.2, c 0.3, d 0.3 (tied with c at rank 3), e 0.5
const distances = new Map([
  ['a', 0.1],
  ['b', 0.2],
  ['c', 0.3],
  ['d', 0.3],
  ['e', 0.5],
]);
const sorted = [0.1, 0.2, 0.3, 0.3, 0.5];

test('tie-aware recall forgives a different member of a tie group at rank k', () => {
  assert.is(tieAwareRecall(['a', 'b', 'd'], distances, sorted, { k: 3 }), 1);
  assert.is(recallAtK(['a', 'b', 'd'], ['a', 'b', 'c', 'd', 'e'], 3), 2 / 3);
});

test('tie-aware recall counts only ids within the k-th true distance + tolerance', () => {
  assert.is(tieAwareRecall(['a', 'e', 'c'], distances, sorted, { k: 3 }), 2 / 3);
  assert.is(tieAwareRecall(['a', 'e', 'c'], distances, sorted, { k: 3, tolerance: 0.2 }), 1);
  // a function works as well as a map; unknown ids are misses; repeated ids count once
  assert.is(tieAwareRecall(['a', 'zz', 'a'], (id) => distances.get(id), sorted, { k: 3 }), 1 / 3);
  // fewer true neighbours than k: the denominator is their count
  assert.is(tieAwareRecall(['a', 'b', 'x'], distances, [0.1, 0.2], { k: 3 }), 1);
});

test('plain recall@k: only the first k of each list', () => {
  assert.is(recallAtK(['e', 'a', 'b'], ['a', 'b', 'c'], 2), 1 / 2);
  assert.is(recallAtK(['a', 'b'], ['a', 'b', 'c'], 3), 2 / 3);
  assert.throws(() => recallAtK(['a'], ['a'], 0), /invalid k: 0/);
});

test.run();
