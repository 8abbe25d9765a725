import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { markPareto, paretoFlags } from '../../../src/bench/sweep/index.js';
import { frontierPoint } from '../../helpers/frontier-fixture.js';

const point = (ef: number, recall: number, qps: number, p95: number) => frontierPoint(ef, recall, qps, p95);

test('paretoFlags: dominated points are unmarked; identical points are both optimal', () => {
  const pts = [
    { r: 0.5, q: 1000 }, // optimal: fastest
    { r: 0.6, q: 800 }, // optimal
    { r: 0.55, q: 700 }, // dominated by (0.6, 800)
    { r: 0.9, q: 300 }, // optimal
    { r: 0.9, q: 300 }, // identical to the previous: neither dominates
    { r: 0.9, q: 200 }, // dominated: same recall, slower
    { r: 0.95, q: 100 }, // optimal: best recall
  ];
  const flags = paretoFlags(pts, { value: (p) => p.r, better: 'higher' }, { value: (p) => p.q, better: 'higher' });
  assert.equal(flags, [true, true, false, true, true, false, true]);
});

test('paretoFlags: a lower-is-better objective, and NaN never optimal', () => {
  const pts = [{ r: 0.9, l: 5 }, { r: 0.8, l: 6 }, { r: 0.95, l: 9 }, { r: Number.NaN, l: 1 }];
  const flags = paretoFlags(pts, { value: (p) => p.r, better: 'higher' }, { value: (p) => p.l, better: 'lower' });
  assert.equal(flags, [true, false, true, false]);
});

test('markPareto marks recall vs QPS and recall vs p95 separately', () => {
  const pts = markPareto(
    [
      point(16, 0.8, 900, 4), // QPS-optimal and p95-optimal
      point(32, 0.9, 950, 6), // dominates ef=16 on QPS (higher recall, higher QPS); p95 optimal
      point(64, 0.95, 500, 5), // p95 dominates ef=32 (higher recall, lower p95), so ef=32 is not p95-optimal
      point(128, 0.95, 400, 9), // dominated on both by ef=64
    ],
    10,
  );
  assert.equal(pts.map((p) => p.pareto), [
    { qps: false, p95: true },
    { qps: true, p95: false },
    { qps: true, p95: true },
    { qps: false, p95: false },
  ]);
});

test.run();
