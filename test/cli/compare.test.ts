import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, spawnCli } from '../helpers/cli.js';
import { makeReport } from '../helpers/report-fixture.js';

const FIXTURES = fileURLToPath(new URL('../report/fixtures/', import.meta.url));
const BASE = join(FIXTURES, 'baseline.json');
const SAME = join(FIXTURES, 'candidate-same.json');
const SLOW = join(FIXTURES, 'candidate-slow.json');
let tmp = '';

test.before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'vecstage-compare-'));
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('a candidate whose p95 is 30% worse exits 1 and names the gate', async () => {
  const r = await spawnCli(['compare', BASE, SLOW]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, /^REGRESSION: .*latency p95/);
  assert.match(r.stdout, /latency p95 .* REGRESSION/);
});

test('two runs of the same index (different noise) exit 0', async () => {
  const r = await runCli(['compare', BASE, SAME]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^PASS: all 7 gates within limits/);
});

test('--json prints one comparison object; gate flags change the verdict', async () => {
  const r = await runCli(['compare', BASE, SLOW, '--json', '--max-p50-regression', '50%', '--max-p95-regression', '0.5', '--max-qps-drop', 'off']);
  assert.is(r.code, 0, r.stdout);
  const out = JSON.parse(r.stdout);
  assert.is(out.ok, true);
  assert.is(out.status, 'pass');
  assert.is(out.gates.find((g: { metric: string }) => g.metric === 'latency_p95').threshold, 0.5);
  assert.not.ok(out.gates.some((g: { metric: string }) => g.metric === 'qps'));
});

test('--html and --md write the candidate report with the baseline deltas', async () => {
  const html = join(tmp, 'out', 'cmp.html');
  const md = join(tmp, 'cmp.md');
  const r = await runCli(['compare', BASE, SLOW, '--html', html, '--md', md]);
  assert.is(r.code, 1);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<strong>REGRESSION<\/strong>/);
  assert.match(page, /id="gates"/);
  assert.match(readFileSync(md, 'utf8'), /\| latency p95 \| .* \| ❌ regression \|/);
});

test('a missing or invalid report file exits 2 with one line naming the file', async () => {
  const missing = await runCli(['compare', BASE, 'no-such-report.json']);
  assert.is(missing.code, 2);
  assert.is(missing.stderr, 'vecstage: cannot read report no-such-report.json: no such file\n');
  const bad = join(tmp, 'bad.json');
  const broken = makeReport() as unknown as Record<string, unknown>;
  delete broken.latency;
  writeFileSync(bad, JSON.stringify(broken));
  const invalid = await runCli(['compare', bad, BASE]);
  assert.is(invalid.code, 2);
  assert.match(invalid.stderr, /^vecstage: invalid report .*bad\.json: \$: missing required field "latency"\n$/);
  const notJson = join(tmp, 'not.json');
  writeFileSync(notJson, '{"schemaVersion": 1,');
  const r = await runCli(['compare', BASE, notJson, '--json']);
  assert.is(r.code, 2);
  assert.is(r.stderr.split('\n').length, 2, 'one line');
  assert.is(JSON.parse(r.stdout).error.code, 'INPUT');
});

test('usage errors exit 2: wrong argument count, bad threshold; --help works', async () => {
  assert.is((await runCli(['compare', BASE])).code, 2);
  const t = await runCli(['compare', BASE, SAME, '--max-p95-regression', '10']);
  assert.is(t.code, 2);
  assert.match(t.stderr, /invalid --max-p95-regression: "10"/);
  const h = await runCli(['compare', '--help']);
  assert.is(h.code, 0);
  assert.match(h.stdout, /^usage: vecstage compare <baseline.json> <candidate.json>/);
});

test.run();
