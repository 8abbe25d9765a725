/** Bench suites: the shipped bench/*.json parse; paths resolve from the project root; typos are errors. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSuite } from '../../../src/bench/run/suite.js';
import { parseDuration } from '../../../src/bench/run/duration.js';
import { gateOptionsFrom } from '../../../src/bench/run/finish.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function project(suite: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-suite-'));
  mkdirSync(join(dir, 'bench'));
  writeFileSync(join(dir, 'bench/s.json'), typeof suite === 'string' ? suite : JSON.stringify(suite));
  return dir;
}

test('the shipped smoke and nightly suites parse, and their gates are valid gate options', async () => {
  for (const name of ['smoke', 'nightly']) {
    const s = await readSuite(`bench/${name}.json`, ROOT);
    assert.is(s.name, `bench/${name}.json`);
    assert.is(s.queries, 'fixtures/golden/demo.jsonl', name);
    assert.ok(s.cutoffs && s.concurrency && s.durationMs, name);
    const gates = gateOptionsFrom({}, s.gates);
    assert.ok(Object.keys(gates).length > 0, `${name} has gates`);
  }
  const smoke = await readSuite('bench/smoke.json', ROOT);
  const nightly = await readSuite('bench/nightly.json', ROOT);
  assert.ok(smoke.durationMs! < nightly.durationMs!, 'smoke is the short one');
});

test('suite paths are relative to the project root and come back relative to the cwd', async () => {
  const dir = project({ queries: 'fixtures/golden/q.jsonl', sample: 'data/sample', truth: 'data/t.arrow', env: 'staging', cutoffs: [10, 100], concurrency: [1, 8], rate: 'auto', duration: '3s', timeout: 500, serialRequests: 200, warmupRequests: 0, gates: { 'max-p95-regression': '20%', 'max-recall-drop': 0.02 } });
  mkdirSync(join(dir, 'sub'));
  const s = await readSuite('../bench/s.json', join(dir, 'sub'));
  assert.equal(s, {
    name: '../bench/s.json',
    queries: '../fixtures/golden/q.jsonl',
    sample: '../data/sample',
    truth: '../data/t.arrow',
    env: 'staging',
    cutoffs: [10, 100],
    concurrency: [1, 8],
    rate: 'auto',
    durationMs: 3000,
    timeoutMs: 500_000,
    serialRequests: 200,
    warmupRequests: 0,
    gates: { 'max-p95-regression': '20%', 'max-recall-drop': 0.02 },
  });
  assert.equal((await readSuite('bench/s.json', dir)).queries, 'fixtures/golden/q.jsonl');
});

test('rate null turns the open-loop pass off', async () => {
  const s = await readSuite('bench/s.json', project({ rate: null }));
  assert.is(s.rate, null);
});

const BAD: Array<[string, unknown, RegExp]> = [
  ['a typo in a key', { cutofs: [10] }, /unknown key cutofs \(bench\/s\.json\); allowed: .*cutoffs/],
  ['an empty concurrency list', { concurrency: [] }, /invalid concurrency \(bench\/s\.json\); allowed: a non-empty array of integers >= 1/],
  ['a fractional concurrency', { concurrency: [1.5] }, /invalid concurrency\[0\]: 1\.5 \(bench\/s\.json\); allowed: an integer >= 1/],
  ['a zero rate', { rate: 0 }, /invalid rate: 0 \(bench\/s\.json\); allowed: a number > 0/],
  ['a bad duration', { duration: '3 minutes' }, /invalid duration \(bench\/s\.json\): "3 minutes".*30s, 500ms or 2m/],
  ['a gate that is not a number or string', { gates: { 'max-p95-regression': true } }, /invalid gates\.max-p95-regression \(bench\/s\.json\)/],
  ['not JSON', '{"cutoffs": [10],}', /bench\/s\.json/],
];
for (const [what, suite, message] of BAD) {
  test(`a suite with ${what} is an INPUT or USAGE error naming the file`, async () => {
    try {
      await readSuite('bench/s.json', project(suite));
      assert.unreachable('accepted');
    } catch (err) {
      assert.match((err as Error).message, message);
      assert.ok(['INPUT', 'USAGE'].includes((err as { code: string }).code), (err as { code: string }).code);
    }
  });
}

test('a missing suite says so', async () => {
  try {
    await readSuite('bench/none.json', ROOT);
    assert.unreachable('accepted');
  } catch (err) {
    assert.is((err as Error).message, 'bench suite not found: bench/none.json (--suite)');
  }
});

test('gate options: suite values, then flags on top; off turns a gate off; unknown suite gates are errors', () => {
  assert.equal(gateOptionsFrom({ 'max-p95-regression': 'off', 'max-qps-drop': '5%' }, { 'max-p95-regression': '20%', 'max-recall-drop': 0.02 }), {
    maxP95Regression: null,
    maxRecallDrop: 0.02,
    maxQpsDrop: 0.05,
  });
  assert.throws(() => gateOptionsFrom({}, { 'max-p95': '10%' }), /unknown gate "max-p95" in the suite; allowed: max-p50-regression/);
  assert.throws(() => gateOptionsFrom({ 'max-recall-drop': '10' }, undefined), /invalid --max-recall-drop: "10"; allowed: a percentage like 10%/);
});

test('durations: units, bare seconds, and what is refused', () => {
  assert.is(parseDuration('30s', 'd'), 30_000);
  assert.is(parseDuration('500ms', 'd'), 500);
  assert.is(parseDuration('2m', 'd'), 120_000);
  assert.is(parseDuration('1.5', 'd'), 1500);
  assert.is(parseDuration(2, 'd'), 2000);
  for (const bad of ['0s', '-1s', 'abc', '', '1h']) assert.throws(() => parseDuration(bad, '--duration'), /invalid --duration: .*allowed: a positive duration/, bad);
  assert.throws(() => parseDuration(0, 'd'), /invalid d: 0/);
});

test.run();
