import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cumulative, gaussianFill, pickCumulative, xoshiro128 } from '../../src/synth/random.js';

const draw = (seed: number, stream: number, n: number) => {
  const r = xoshiro128(seed, stream);
  return Array.from({ length: n }, () => r.next());
};

test('same (seed, stream) gives the same sequence; different ones differ', () => {
  assert.equal(draw(1, 7, 50), draw(1, 7, 50));
  assert.not.equal(draw(1, 7, 50), draw(2, 7, 50));
  assert.not.equal(draw(1, 7, 50), draw(1, 8, 50));
  // streams beyond 2^32 use the high half too
  assert.not.equal(draw(1, 2 ** 32 + 7, 50), draw(1, 7, 50));
});

test('uniform in [0, 1) with the expected mean and spread', () => {
  const xs = draw(42, 0, 100000);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  const buckets = new Array(10).fill(0);
  for (const x of xs) buckets[Math.floor(x * 10)]++;
  for (const b of buckets) assert.ok(Math.abs(b - 10000) < 500, `bucket ${b}`);
});

test('gaussianFill: mean 0, variance scale^2', () => {
  const g = new Float64Array(100001);
  gaussianFill(xoshiro128(3, 0), g, 2);
  const mean = g.reduce((a, b) => a + b, 0) / g.length;
  const variance = g.reduce((a, b) => a + (b - mean) ** 2, 0) / g.length;
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(variance - 4) < 0.1, `variance ${variance}`);
});

test('pickCumulative follows the weights', () => {
  const cum = cumulative([1, 0, 3]);
  const r = xoshiro128(5, 0);
  const counts = [0, 0, 0];
  for (let k = 0; k < 40000; k++) counts[pickCumulative(r, cum)]!++;
  assert.is(counts[1], 0);
  assert.ok(Math.abs(counts[2]! / 40000 - 0.75) < 0.01, `${counts}`);
});

test.run();
