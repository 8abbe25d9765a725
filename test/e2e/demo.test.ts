/**
 * `vecstage demo` end to end, as a user runs it (a child process in an empty temp folder, embedded Chroma started
 * and stopped by the demo itself): exit 0, two report.html paths that exist, the second verdict REGRESSION.
 * Then the shipped fixtures/golden/demo.jsonl must equal what the demo's sample gives (demoGoldenText), so a
 * change to the generator or sampler cannot leave stale golden queries behind. --seconds 1 keeps it short.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, type CliRun } from '../helpers/cli.js';
import { demoGoldenText } from '../../src/demo/write-golden.js';
import { shippedGoldenPath } from '../../src/demo/run.js';

const cwd = mkdtempSync(join(tmpdir(), 'vecstage-demo-'));
let run: CliRun | undefined;

test.after(() => rmSync(cwd, { recursive: true, force: true }));

test('vecstage demo: exit 0, two report.html files, the second verdict is REGRESSION', async () => {
  run = await spawnCli(['demo', '--seconds', '1'], { cwd });
  assert.is(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const html = lines.flatMap((l) => l.match(/(\S+report\.html)\s*$/)?.[1] ?? []);
  assert.is(html.length, 2, run.stdout);
  for (const p of html) assert.ok(existsSync(join(cwd, p)), `${p} exists`);
  assert.match(lines.find((l) => l.startsWith('baseline '))!, /: PASS /);
  assert.match(lines.find((l) => l.startsWith('candidate '))!, /: REGRESSION /);
  assert.ok(lines.some((l) => /caught: recall@10/.test(l)), run.stdout);
  const second = JSON.parse(readFileSync(join(cwd, html[1]!.replace(/report\.html$/, 'report.json')), 'utf8')) as { verdict: { status: string }; baseline?: { path: string } };
  assert.is(second.verdict.status, 'regression');
  assert.ok(second.baseline?.path.endsWith('report.json'));
  assert.ok(existsSync(join(cwd, 'reports/index.html')));
  assert.not.match(readFileSync(join(cwd, html[0]!), 'utf8'), /<script[^>]+src=["']?https?:/, 'self-contained');
});

test('fixtures/golden/demo.jsonl is in sync with the demo sample', async () => {
  const sample = join(cwd, '.vecstage/demo/sample');
  assert.ok(run && existsSync(sample), 'the demo test ran first and left its sample');
  const shipped = readFileSync(shippedGoldenPath(), 'utf8');
  assert.ok(shipped === (await demoGoldenText(sample)), 'stale: regenerate with vecstage demo --write-golden');
});

test('vecstage demo --help', async () => {
  const r = await spawnCli(['demo', '--help'], { cwd });
  assert.is(r.code, 0);
  assert.match(r.stdout, /^usage: vecstage demo/);
});

test.run();
