import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../src/report/compare/compare.js';
import { parseThreshold, resolveGates } from '../../src/report/compare/gate-options.js';
import { gateResult } from '../../src/report/compare/gate-result.js';
import { proportionDiffInterval, wilson } from '../../src/report/stats/proportion-diff.js';
import { normalQuantile } from '../../src/report/stats/normal.js';
import { makeReport } from '../helpers/report-fixture.js';

const base = makeReport({ seed: 'base' });
const gate = (c: ReturnType<typeof compare>, name: string) => c.gates.find((g) => g.name === name)!;

test('same index, different latency noise: every gate passes (several seeds)', () => {
  for (const seed of ['n1', 'n2', 'n3', 'n4']) {
    const c = compare(base, makeReport({ seed }));
    assert.is(c.status, 'pass', `${seed}: ${c.gates.filter((g) => g.regression).map((g) => g.note).join(' | ')}`);
  }
});

test('p95 30% worse: the p95 gate regresses, with a CI above zero', () => {
  const c = compare(base, makeReport({ seed: 'cand', latencyScale: 1.3 }));
  const p95 = gate(c, 'latency p95');
  assert.is(c.status, 'regression');
  assert.ok(p95.regression);
  assert.ok(p95.relative! > 0.2 && p95.relative! < 0.45, `relative ${p95.relative}`);
  assert.ok(p95.ci!.lo > 0);
  assert.match(p95.note, /CI excludes 0: regression/);
  assert.is(p95.thresholdKind, 'relative');
});

test('worse than the gate but the CI includes zero is not a regression (few samples)', () => {
  const small = makeReport({ seed: 'few-a', samples: 12 });
  const c = compare(small, makeReport({ seed: 'few-b', samples: 12, latencyScale: 1.15 }), { maxP50Regression: 0.05 });
  const p50 = gate(c, 'latency p50');
  assert.ok(p50.ci!.lo <= 0 && p50.ci!.hi >= 0, JSON.stringify(p50.ci));
  if (p50.relative! > 0.05) assert.match(p50.note, /CI includes 0: not significant/);
  assert.not.ok(p50.regression);
});

test('recall drop is tested per query, paired by id; a tiny drop within the gate passes', () => {
  const big = compare(base, makeReport({ seed: 'r', recallDrop: 0.2 }));
  const r = gate(big, 'recall@10');
  assert.ok(r.regression);
  assert.ok(r.ci!.hi < 0);
  assert.match(r.note, /39 paired queries/);
  const tiny = compare(base, makeReport({ seed: 'r', recallDrop: 0.2 }), { maxRecallDrop: 0.1 });
  assert.not.ok(gate(tiny, 'recall@10').regression);
});

test('queries present in one run only are left out of the pairing and counted', () => {
  const cand = makeReport({ seed: 'p' });
  cand.perQuery = cand.perQuery.slice(5);
  const r = gate(compare(base, cand), 'recall@10');
  assert.match(r.note, /34 paired queries, 5 in one run only/);
});

test('QPS is gated at the highest concurrency both runs measured', () => {
  const cand = makeReport({ seed: 'q', latencyScale: 1.3 });
  cand.latency.sweep.levels = cand.latency.sweep.levels.filter((l) => l.concurrency !== 16);
  const q = gate(compare(base, cand), 'QPS at 4 clients');
  assert.ok(q, 'gated at 4 clients');
  assert.ok(q.regression && q.ci!.hi < 0);
});

test('error rate increase: Newcombe interval, absolute threshold', () => {
  const c = compare(base, makeReport({ seed: 'e', errorRate: 0.1 }));
  const e = gate(c, 'error rate');
  assert.ok(e.regression);
  assert.ok(e.candidate > 0.015 && e.ci!.lo > 0);
});

test('nDCG gate is skipped, with a reason, when neither run has qrels', () => {
  const strip = (r: ReturnType<typeof makeReport>) => {
    for (const q of r.perQuery) q.ndcg = {};
    return r;
  };
  const c = compare(strip(makeReport({ seed: 'a' })), strip(makeReport({ seed: 'b' })));
  assert.not.ok(c.gates.some((g) => g.metric === 'ndcg'));
  assert.equal(c.skipped?.map((s) => s.metric), ['ndcg']);
});

test('gates can be turned off; comparison is deterministic', () => {
  const cand = makeReport({ seed: 'cand', latencyScale: 1.3 });
  const off = compare(base, cand, { maxP50Regression: null, maxP95Regression: null, maxP99Regression: null, maxQpsDrop: null });
  assert.is(off.status, 'pass');
  assert.equal(compare(base, cand), compare(base, cand));
});

test('gateResult: the rule needs both the threshold and the CI', () => {
  const g = { name: 'x', metric: 'latency_p95', better: 'lower', baseline: 10, candidate: 13, threshold: 0.1, thresholdKind: 'relative', unit: 'ms' } as const;
  assert.ok(gateResult({ ...g, ci: { lo: 1, hi: 5 } }).regression);
  assert.not.ok(gateResult({ ...g, ci: { lo: -1, hi: 5 } }).regression);
  assert.not.ok(gateResult({ ...g, candidate: 10.5, ci: { lo: 0.1, hi: 1 } }).regression);
  assert.ok(gateResult({ ...g, ci: null }).regression, 'without a CI the point estimate decides');
  const q = { name: 'recall', metric: 'recall', better: 'higher', baseline: 0.9, candidate: 0.85, threshold: 0.01, thresholdKind: 'absolute', unit: '' } as const;
  assert.ok(gateResult({ ...q, ci: { lo: -0.08, hi: -0.02 } }).regression);
  assert.not.ok(gateResult({ ...q, candidate: 0.95, ci: { lo: 0.02, hi: 0.08 } }).regression, 'an improvement never regresses');
});

test('thresholds: percentages, fractions, off; a bare 10 is refused', () => {
  assert.is(parseThreshold('10%', '--max-p95-regression'), 0.1);
  assert.is(parseThreshold('0.01', '--max-recall-drop'), 0.01);
  assert.is(parseThreshold('off', '--max-qps-drop'), null);
  assert.throws(() => parseThreshold('10', '--max-p95-regression'), /invalid --max-p95-regression: "10".*allowed: a percentage like 10%/);
  assert.throws(() => resolveGates({ maxRecallDrop: -1 }), /invalid maxRecallDrop: -1/);
});

test('statistics: normal quantile, Wilson and Newcombe intervals against published values', () => {
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.005) + 2.575829) < 1e-6);
  // Newcombe (1998) table II, example (a): 56/70 vs 48/80 -> difference 0.2, 95% CI (0.0524, 0.3339)
  const ci = proportionDiffInterval(48, 80, 56, 70, 0.95);
  assert.ok(Math.abs(ci.lo - 0.0524) < 5e-4 && Math.abs(ci.hi - 0.3339) < 5e-4, JSON.stringify(ci));
  // Wilson 95% for 0/10: (0, 0.2775)
  const w = wilson(0, 10, 0.95);
  assert.ok(w.lo === 0 && Math.abs(w.hi - 0.2775) < 5e-4, JSON.stringify(w));
});

test('differences that weaken a comparison are warned about, not hidden', () => {
  assert.is(compare(base, makeReport({ seed: 'w' })).warnings, undefined);
  const other = makeReport({ seed: 'w' });
  other.fingerprint.queries.sha256 = 'feedface';
  other.fingerprint.machine.hostname = 'laptop';
  const w = compare(base, other).warnings ?? [];
  assert.is(w.length, 2);
  assert.match(w[0]!, /^query set differs \(baseline deadbeef, candidate feedface\)/);
  assert.match(w[1]!, /^machine differs/);
});

test.run();
