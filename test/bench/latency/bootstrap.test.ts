import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapQuantileDiff, bootstrapQuantiles } from '../../../src/bench/latency/bootstrap.js';
import { describeLatency } from '../../../src/bench/latency/measured-set.js';
import { seededRng } from '../../../src/bench/latency/rng.js';
import type { Rng } from '../../../src/bench/latency/types.js';

/** An RNG that replays fixed numbers, so resamples are known exactly. */
function replay(values: number[]): Rng {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

test('seededRng: same seed, same stream; different seed, different stream; values in [0, 1)', () => {
  const a = seededRng('s1');
  const b = seededRng('s1');
  const c = seededRng('s2');
  const xs = Array.from({ length: 5 }, () => a());
  assert.equal(
    Array.from({ length: 5 }, () => b()),
    xs,
  );
  assert.not.equal(
    Array.from({ length: 5 }, () => c()),
    xs,
  );
  const r = seededRng(7);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const u = r();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02, `mean ${sum / 10_000}`);
});

test('bootstrapQuantiles: exact interval from known resamples (percentile method)', () => {
  // sorted [1,2,3]; indices floor(u*3): resample 1 = [0,0,2] -> [1,1,3], median 1; resample 2 = [1,2,2] -> [2,3,3], median 3
  const rng = replay([0.1, 0.1, 0.9, 0.5, 0.9, 0.9]);
  const [ci] = bootstrapQuantiles([1, 2, 3], [0.5], { resamples: 2, confidence: 0.5, rng });
  // R-7 quantiles 0.25 and 0.75 of [1, 3]
  assert.equal(ci, { lo: 1.5, hi: 2.5 });
});

test('bootstrapQuantiles: a constant sample has a zero-width interval; seeded runs repeat', () => {
  const [ci] = bootstrapQuantiles([4, 4, 4, 4], [0.99], { resamples: 50 });
  assert.equal(ci, { lo: 4, hi: 4 });
  const x = Array.from({ length: 500 }, (_, i) => (i * 37) % 101);
  const s = [...x].sort((a, b) => a - b);
  assert.equal(bootstrapQuantiles(s, [0.5, 0.95], { seed: 'a' }), bootstrapQuantiles(s, [0.5, 0.95], { seed: 'a' }));
  assert.not.equal(bootstrapQuantiles(s, [0.95], { seed: 'a' }), bootstrapQuantiles(s, [0.95], { seed: 'b' }));
});

test('bootstrapQuantiles: the interval brackets the observed percentile and narrows with more data', () => {
  const make = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const [small] = bootstrapQuantiles(make(100), [0.5], { seed: 'x' });
  const [big] = bootstrapQuantiles(make(10_000), [0.5], { seed: 'x' });
  assert.ok(small!.lo <= 50.5 && 50.5 <= small!.hi, JSON.stringify(small));
  assert.ok(big!.lo <= 5000.5 && 5000.5 <= big!.hi, JSON.stringify(big));
  assert.ok((big!.hi - big!.lo) / 10_000 < (small!.hi - small!.lo) / 100);
});

test('bootstrapQuantileDiff: exact difference from known resamples', () => {
  // baseline [1,2,3] -> indices [0,0,2] -> median 1; candidate [4,5,6] -> indices [1,2,2] -> [5,6,6], median 6
  const rng = replay([0.1, 0.1, 0.9, 0.5, 0.9, 0.9]);
  const d = bootstrapQuantileDiff([1, 2, 3], [4, 5, 6], 0.5, { resamples: 1, rng });
  assert.is(d.estimate, 3);
  assert.equal(d.ci, { lo: 5, hi: 5 });
  assert.is(d.significant, true);
});

test('bootstrapQuantileDiff: identical samples are not significant, a clear shift is', () => {
  const base = Array.from({ length: 200 }, (_, i) => 10 + (i % 20));
  const same = bootstrapQuantileDiff(base, base, 0.95, { seed: 'd' });
  assert.is(same.estimate, 0);
  assert.ok(same.ci.lo <= 0 && same.ci.hi >= 0);
  assert.is(same.significant, false);
  const slower = base.map((v) => v + 25);
  const shifted = bootstrapQuantileDiff(base, slower, 0.95, { seed: 'd' });
  assert.is(shifted.estimate, 25);
  assert.ok(shifted.ci.lo > 0, JSON.stringify(shifted.ci));
  assert.is(shifted.significant, true);
});

test('describeLatency attaches intervals for every percentile, each bracketing its estimate', () => {
  const x = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % 1000) / 100);
  const s = describeLatency(x, { resamples: 200, seed: 'z' });
  assert.ok(s?.ci);
  assert.is(s.ci.resamples, 200);
  for (const name of ['p50', 'p90', 'p95', 'p99', 'p999'] as const) {
    const iv = s.ci.intervals[name];
    assert.ok(iv.lo <= s[name] && s[name] <= iv.hi, `${name} ${s[name]} in ${JSON.stringify(iv)}`);
  }
  assert.is(describeLatency(x, false)?.ci, undefined);
  assert.is(describeLatency([], {}), null);
});

test('bootstrap options are validated', () => {
  assert.throws(() => bootstrapQuantiles([1], [0.5], { resamples: 0 }), /invalid resamples: 0.*allowed: an integer >= 1/);
  assert.throws(() => bootstrapQuantiles([1], [0.5], { confidence: 1 }), /invalid confidence: 1.*allowed: a number in \(0, 1\)/);
});

test.run();
