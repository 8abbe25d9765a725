import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cdfPoints } from '../../../src/bench/latency/cdf.js';
import { logHistogram } from '../../../src/bench/latency/histogram.js';

test('logHistogram: one bucket per decade, [lo, hi), zeros apart, counts sum to n', () => {
  const h = logHistogram([0, 1, 1.5, 2, 9.99, 10, 100], { bucketsPerDecade: 1 });
  assert.equal(h, [
    { lo: 0, hi: 1, count: 1 },
    { lo: 1, hi: 10, count: 4 },
    { lo: 10, hi: 100, count: 1 },
    { lo: 100, hi: 1000, count: 1 },
  ]);
});

test('logHistogram: edges are aligned to powers of ten; empty buckets inside the range are kept', () => {
  const h = logHistogram([0.5, 50], { bucketsPerDecade: 2 });
  assert.is(h.length, 5);
  assert.equal(
    h.map((b) => b.count),
    [1, 0, 0, 0, 1],
  );
  assert.is(h[0]!.lo, 10 ** -0.5);
  assert.is(h[1]!.lo, 1);
  assert.is(h[4]!.hi, 100);
  // a value exactly on an edge starts the bucket above it
  const e = logHistogram([1, 10], { bucketsPerDecade: 10 });
  assert.is(e[0]!.lo, 1);
  assert.is(e[e.length - 1]!.lo, 10);
  assert.is(e.reduce((a, b) => a + b.count, 0), 2);
});

test('logHistogram: empty in, empty out; bad bucketsPerDecade is refused', () => {
  assert.equal(logHistogram([]), []);
  assert.throws(() => logHistogram([1], { bucketsPerDecade: 0 }), /invalid bucketsPerDecade: 0.*allowed: an integer >= 1/);
});

test('cdfPoints: each distinct value with the fraction of samples <= it', () => {
  assert.equal(cdfPoints([1, 2, 2, 3]), [
    { value: 1, p: 0.25 },
    { value: 2, p: 0.75 },
    { value: 3, p: 1 },
  ]);
});

test('cdfPoints: downsampled at evenly spaced ranks, always ending at the maximum', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(cdfPoints(x, 4), [
    { value: 3, p: 0.3 },
    { value: 5, p: 0.5 },
    { value: 8, p: 0.8 },
    { value: 10, p: 1 },
  ]);
});

test.run();
