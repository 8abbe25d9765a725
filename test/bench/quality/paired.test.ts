import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapMeanCi, comparePaired, pairByQuery, seededRandom, studentTTwoSided } from '../../../src/bench/quality/index.js';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test('sign-flip permutation p is exact for small n', () => {
  // diffs 1,2,3: of the 8 sign patterns only +++ and --- reach |sum| 6
  const r = comparePaired([0, 0, 0], [1, 2, 3]);
  assert.is(r.meanDiff, 2);
  assert.is(r.permutationMethod, 'exact');
  assert.is(r.permutationP, 2 / 8);
  // diffs 1,-1: every pattern reaches |sum| >= 0
  assert.is(comparePaired([0, 1], [1, 0]).permutationP, 1);
});

test('paired t matches scipy.stats.ttest_rel', () => {
  const r = comparePaired([0.5, 0.6, 0.7, 0.8, 0.9], [0.55, 0.58, 0.79, 0.85, 0.91]);
  close(r.t, 1.907996184011447);
  close(r.tP, 0.12904358178244213);
  const s = comparePaired([0, 0, 0, 0], [1, 2, 3, 4]);
  close(s.t, 3.872983346207417);
  close(s.tP, 0.030466291662170977);
  close(studentTTwoSided(1.6956438266006373, 6), 0.14088429232291977);
  assert.equal([comparePaired([1, 1], [1, 1]).t, comparePaired([1, 1], [1, 1]).tP], [0, 1]);
});

test('bootstrap interval is deterministic for a seed and brackets the mean', () => {
  const base = [0.2, 0.4, 0.5, 0.7, 0.1, 0.9, 0.3, 0.6];
  const cand = [0.3, 0.5, 0.5, 0.9, 0.2, 0.9, 0.4, 0.8];
  const a = comparePaired(base, cand, { random: seededRandom(42), resamples: 2000 });
  const b = comparePaired(base, cand, { random: seededRandom(42), resamples: 2000 });
  assert.equal(a.ci, b.ci);
  assert.ok(a.ci[0] <= a.meanDiff && a.meanDiff <= a.ci[1]);
  assert.ok(a.ci[0] > 0, 'every difference is >= 0 and most are > 0');
  // a scripted RNG: always index 0, then always the last index
  let calls = 0;
  const ci = bootstrapMeanCi([1, 2, 3], 2, 0.5, () => (calls++ < 3 ? 0 : 0.999));
  assert.equal(ci, [1.5, 2.5]);
});

test('monte-carlo permutation p for large n uses (1 + hits) / (1 + permutations)', () => {
  const n = 30;
  const r = comparePaired(new Array(n).fill(0), new Array(n).fill(1), { permutations: 999, random: seededRandom(7) });
  assert.is(r.permutationMethod, 'monte-carlo');
  assert.is(r.permutationP, 1 / 1000);
});

test('comparePaired refuses mismatched or empty inputs; pairByQuery pairs by id', () => {
  assert.throws(() => comparePaired([1], [1, 2]), /invalid paired values/);
  assert.throws(() => comparePaired([], []), /at least one query/);
  const p = pairByQuery(new Map([['q2', 0.5], ['q1', 0.1], ['q3', 0]]), new Map([['q1', 0.2], ['q2', 0.7], ['q4', 1]]));
  assert.equal(p, { ids: ['q1', 'q2'], baseline: [0.1, 0.5], candidate: [0.2, 0.7], onlyBaseline: ['q3'], onlyCandidate: ['q4'] });
});

test.run();
