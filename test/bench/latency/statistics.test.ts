import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quantile, sortSamples } from '../../../src/bench/latency/quantile.js';
import { summarize } from '../../../src/bench/latency/summary.js';
import { isVecstageError } from '../../../src/errors.js';
import { close } from './close.js';

// expected values computed with numpy 2.4 np.quantile (default method "linear" = Hyndman-Fan R-7)

test('quantile: p75 of [1..6] is 4.75, p50 3.5, p25 2.25', () => {
  const x = [1, 2, 3, 4, 5, 6];
  assert.is(quantile(x, 0.75), 4.75);
  assert.is(quantile(x, 0.5), 3.5);
  assert.is(quantile(x, 0.25), 2.25);
});

test('quantile: ends are min and max; a single sample is every quantile', () => {
  assert.is(quantile([2, 7, 9], 0), 2);
  assert.is(quantile([2, 7, 9], 1), 9);
  assert.is(quantile([42], 0), 42);
  assert.is(quantile([42], 0.999), 42);
});

test('quantile: interpolates the tail of a small sample like numpy', () => {
  const x = [1, 2, 3, 4, 10];
  close(quantile(x, 0.9), 7.6);
  close(quantile(x, 0.99), 9.76);
  close(quantile(x, 0.999), 9.976);
});

test('quantile: refuses an empty sample and q outside [0, 1], naming what is allowed', () => {
  for (const [xs, q] of [
    [[], 0.5],
    [[1], 1.5],
    [[1], -0.1],
    [[1], Number.NaN],
  ] as const) {
    try {
      quantile(xs, q);
      assert.unreachable('should throw');
    } catch (err) {
      assert.ok(isVecstageError(err), String(err));
      assert.match(err.message, /^invalid (samples|quantile): .*; allowed: /);
    }
  }
});

test('sortSamples sorts numerically, not as strings', () => {
  assert.equal([...sortSamples([10, 9, 100, 1.5])], [1.5, 9, 10, 100]);
});

test('summarize: count, min, max, mean, sample stddev and percentiles match numpy', () => {
  const s = summarize(sortSamples([3, 1, 4, 1, 5, 9, 2, 6]));
  assert.ok(s);
  assert.is(s.count, 8);
  assert.is(s.min, 1);
  assert.is(s.max, 9);
  close(s.mean, 3.875);
  close(s.stddev, 2.748376143938713);
  close(s.p50, 3.5);
  close(s.p90, 6.9);
  close(s.p95, 7.95);
  close(s.p99, 8.79);
  close(s.p999, 8.979);
});

test('summarize: one sample has stddev 0; no samples give null', () => {
  const s = summarize([5]);
  assert.ok(s);
  assert.is(s.stddev, 0);
  assert.is(s.p999, 5);
  assert.is(summarize([]), null);
});

test.run();
