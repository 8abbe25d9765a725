import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { byTag, fidelityByStratum, quantile, summarize, worstQueries } from '../../../src/bench/quality/index.js';

test('quantile is R-7 (numpy default): linear between closest ranks', () => {
  assert.is(quantile([1, 2, 3, 4, 5, 6], 0.75), 4.75);
  assert.is(quantile([6, 5, 4, 3, 2, 1], 0.1), 1.5);
  assert.is(quantile([1, 2, 3, 4, 5, 6], 0.5), 3.5);
  assert.ok(Math.abs(quantile([3, 1, 2], 0.9) - 2.8) < 1e-12);
  assert.is(quantile([7], 0.9), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

const rows = [
  { queryId: 'q1', value: 1, tags: ['multilingual'], weight: 3 },
  { queryId: 'q2', value: 0.5, tags: ['multilingual', 'short'], weight: 1 },
  { queryId: 'q3', value: 0, tags: [] },
  { queryId: 'q4', value: 0.5 },
];

test('summarize: mean, weighted mean, p10/p50/p90', () => {
  const s = summarize(rows);
  assert.is(s.n, 4);
  assert.is(s.mean, 0.5);
  assert.is(s.weightedMean, (3 + 0.5 + 0 + 0.5) / 6);
  assert.is(s.p50, 0.5);
  assert.ok(Math.abs(s.p10 - 0.15) < 1e-12);
  assert.ok(Math.abs(s.p90 - 0.85) < 1e-12);
  assert.is(s.min, 0);
  assert.is(s.max, 1);
});

test('byTag: a query counts under each of its tags; untagged ones are grouped', () => {
  const t = byTag(rows);
  assert.equal([...t.keys()], ['(untagged)', 'multilingual', 'short']);
  assert.is(t.get('multilingual')?.mean, 0.75);
  assert.is(t.get('multilingual')?.weightedMean, 3.5 / 4);
  assert.is(t.get('(untagged)')?.n, 2);
  assert.is(t.get('short')?.n, 1);
});

test('worstQueries: lowest first, ties by query id', () => {
  assert.equal(worstQueries(rows, 3).map((r) => r.queryId), ['q3', 'q2', 'q4']);
});

test('fidelityByStratum: recall over ground-truth docs in each stratum, pooled over queries, and weighted', () => {
  const result = fidelityByStratum(
    [
      {
        returnedIds: ['a', 'b', 'x'],
        truth: [
          { id: 'a', stratum: 'en', weight: 1 },
          { id: 'b', stratum: 'de', weight: 10 },
          { id: 'c', stratum: 'de', weight: 30 },
        ],
      },
      { returnedIds: ['d', 'y', 'z'], truth: [{ id: 'd', stratum: 'de' }, { id: 'e', stratum: 'en' }, { id: 'f', stratum: 'en' }] },
    ],
    3,
  );
  assert.equal(result, [
    { stratum: 'de', truthDocs: 3, found: 2, recall: 2 / 3, weightedRecall: 11 / 41 },
    { stratum: 'en', truthDocs: 3, found: 1, recall: 1 / 3, weightedRecall: 1 / 3 },
  ]);
});

test.run();
