/**
 * finishReport: report files written under <out>/<run-id>/, the baseline comparison folded into the verdict, and
 * the exit code (0 pass, 1 regression, 4 nothing measured). Reports come from the deterministic fixture generator.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishReport, type FinishOptions } from '../../../src/bench/run/finish.js';
import { standaloneVerdict } from '../../../src/bench/run/bench.js';
import { makeReport } from '../../helpers/report-fixture.js';
import type { Report } from '../../../src/report/types.js';

const cwd = mkdtempSync(join(tmpdir(), 'vecstage-finish-'));
const opts = (more: Partial<FinishOptions> = {}): FinishOptions => ({ outRoot: join(cwd, 'reports'), gateFlags: {}, cwd, ...more });

test('no baseline: files written, paths relative to the cwd, exit 0', async () => {
  const done = await finishReport(makeReport({ runId: 'run-a', seed: 'a' }), opts());
  assert.equal(done.paths, { json: 'reports/run-a/report.json', html: 'reports/run-a/report.html', md: 'reports/run-a/summary.md', index: 'reports/index.html' });
  for (const p of Object.values(done.paths)) assert.ok(existsSync(join(cwd, p)), p);
  assert.is(done.exitCode, 0);
  assert.is(done.summaryLine, `PASS: ${done.report.verdict.summary}`);
  assert.is(done.report.baseline, undefined);
});

test('against a baseline: same latency passes (exit 0); 40% slower is a regression (exit 1) unless its gates are off', async () => {
  const same = await finishReport(makeReport({ runId: 'run-b', seed: 'b' }), opts({ baseline: 'reports/run-a/report.json' }));
  assert.is(same.exitCode, 0, same.summaryLine);
  assert.is(same.report.baseline!.path, 'reports/run-a/report.json');
  const slow = await finishReport(makeReport({ runId: 'run-c', seed: 'c', latencyScale: 1.4 }), opts({ baseline: 'reports/run-a/report.json' }));
  assert.is(slow.exitCode, 1, slow.summaryLine);
  assert.match(slow.summaryLine, /^REGRESSION: /);
  assert.ok(slow.report.verdict.regressions.some((r) => r.startsWith('latency p95')), slow.report.verdict.regressions.join('\n'));
  const written = JSON.parse(readFileSync(join(cwd, slow.paths.json), 'utf8')) as Report;
  assert.is(written.verdict.status, 'regression');
  const off = ['max-p50-regression', 'max-p95-regression', 'max-p99-regression', 'max-qps-drop'];
  const gated = await finishReport(makeReport({ runId: 'run-d', seed: 'c', latencyScale: 1.4 }), opts({ baseline: 'reports/run-a/report.json', gateFlags: Object.fromEntries(off.map((f) => [f, 'off'])) }));
  assert.is(gated.exitCode, 0, gated.summaryLine);
});

test('suite gates apply, flags win over them', async () => {
  let n = 0;
  const cand = () => makeReport({ runId: `run-suite-${++n}`, seed: 'c', latencyScale: 1.4 });
  const loose = { 'max-p50-regression': '80%', 'max-p95-regression': '80%', 'max-p99-regression': '80%', 'max-qps-drop': '80%' };
  assert.is((await finishReport(cand(), opts({ baseline: 'reports/run-a/report.json', suiteGates: loose }))).exitCode, 0);
  assert.is((await finishReport(cand(), opts({ baseline: 'reports/run-a/report.json', suiteGates: loose, gateFlags: { 'max-p95-regression': '10%' } }))).exitCode, 1);
});

test('a run where every query failed has verdict error and exit 4', async () => {
  const r = makeReport({ runId: 'run-e', seed: 'e' });
  r.verdict = standaloneVerdict(0, 40);
  const done = await finishReport(r, opts());
  assert.is(done.exitCode, 4);
  assert.is(done.summaryLine, 'ERROR: every golden query failed (40 errors); nothing was measured');
});

test('standalone verdicts say what was measured', () => {
  assert.equal(standaloneVerdict(26, 0), { status: 'pass', summary: 'measured 26 queries; no baseline to compare against', regressions: [] });
  assert.equal(standaloneVerdict(24, 2).summary, 'measured 24 queries (2 errored, counted); no baseline to compare against');
});

test.run();
