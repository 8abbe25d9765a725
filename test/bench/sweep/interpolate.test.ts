import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontierOf, qpsAtRecall } from '../../../src/bench/sweep/index.js';

const pts = [
  { recall: 0.7, qps: 1000 },
  { recall: 0.9, qps: 600 },
  { recall: 0.8, qps: 500 }, // dominated by (0.9, 600): not on the frontier
  { recall: 0.99, qps: 150 },
];

test('frontierOf keeps the Pareto points, ascending by recall', () => {
  assert.equal(frontierOf(pts), [{ recall: 0.7, qps: 1000 }, { recall: 0.9, qps: 600 }, { recall: 0.99, qps: 150 }]);
});

test('qpsAtRecall interpolates linearly between frontier points (the dominated point does not bend the line)', () => {
  const f = frontierOf(pts);
  assert.is(qpsAtRecall(f, 0.7), 1000);
  assert.is(qpsAtRecall(f, 0.9), 600);
  // halfway between 0.7 and 0.9: halfway between 1000 and 600 (not via the dominated 0.8 -> 500)
  assert.ok(Math.abs(qpsAtRecall(f, 0.8)! - 800) < 1e-9);
  // a third of the way from 0.9 to 0.99: 600 - 450 / 3
  assert.ok(Math.abs(qpsAtRecall(f, 0.93)! - 450) < 1e-9);
});

test('qpsAtRecall: no value outside the measured recall range, none on an empty frontier', () => {
  const f = frontierOf(pts);
  assert.is(qpsAtRecall(f, 0.69), null);
  assert.is(qpsAtRecall(f, 0.995), null);
  assert.is(qpsAtRecall([], 0.9), null);
  assert.is(qpsAtRecall([{ recall: 0.9, qps: 10 }], 0.9), 10);
});

test.run();
