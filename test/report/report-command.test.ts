import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync as readdir, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeReport } from '../../src/report/write-report.js';
import { runCli } from '../helpers/cli.js';
import { makeReport } from '../helpers/report-fixture.js';

let root = '';
test.before.each(() => {
  root = mkdtempSync(join(tmpdir(), 'vecstage-reports-'));
});
test.after.each(() => rmSync(root, { recursive: true, force: true }));

test('writeReport writes report.json, report.html, summary.md and refreshes index.html over every run', async () => {
  const a = makeReport({ seed: 'a', runId: 'run-a', createdAt: '2026-11-20T10:00:00.000Z' });
  const b = makeReport({ seed: 'b', runId: 'run-b', createdAt: '2026-11-21T10:00:00.000Z' });
  await writeReport(join(root, 'run-a'), a);
  const res = await writeReport(join(root, 'run-b'), b);
  assert.equal(res.files.map((f) => f.slice(root.length + 1)), ['run-b/report.json', 'run-b/report.html', 'run-b/summary.md']);
  assert.is(res.index, join(root, 'index.html'));
  assert.equal(JSON.parse(readFileSync(join(root, 'run-b', 'report.json'), 'utf8')), b);
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  assert.match(index, /<a href="run-a\/report.html">run-a<\/a>/);
  assert.match(index, /<a href="run-b\/report.html">run-b<\/a>/);
  // no temporary files left behind
  for (const d of ['run-a', 'run-b']) assert.not.ok(readdir(join(root, d)).some((f) => f.endsWith('.tmp')));
});

test('a broken report.json under the root is left out of the index and reported, not fatal', async () => {
  mkdirSync(join(root, 'broken'));
  writeFileSync(join(root, 'broken', 'report.json'), '{}');
  mkdirSync(join(root, 'empty-folder'));
  const res = await writeReport(join(root, 'ok'), makeReport());
  assert.is(res.skipped.length, 1);
  assert.match(res.skipped[0]!.reason, /invalid report .*broken.*missing required field "schemaVersion"/);
});

test('vecstage report re-renders html and md next to report.json; --index rebuilds the index', async () => {
  const dir = join(root, 'run-1');
  mkdirSync(dir);
  writeFileSync(join(dir, 'report.json'), JSON.stringify(makeReport({ runId: 'run-1' })));
  const onlyMd = await runCli(['report', join(dir, 'report.json'), '--md']);
  assert.is(onlyMd.code, 0, onlyMd.stderr);
  assert.ok(existsSync(join(dir, 'summary.md')));
  assert.not.ok(existsSync(join(dir, 'report.html')));
  assert.not.ok(existsSync(join(root, 'index.html')), 'no index without --index');
  const all = await runCli(['report', 'run-1/report.json', '--index', '.', '--json'], { cwd: root });
  assert.is(all.code, 0, all.stderr);
  const out = JSON.parse(all.stdout);
  assert.is(out.files.length, 2);
  assert.is(out.index, join(root, 'index.html'));
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /^<!doctype html>/);
  assert.match(readFileSync(join(root, 'index.html'), 'utf8'), /run-1/);
});

test('vecstage report: a missing file exits 2 naming it', async () => {
  const r = await runCli(['report', 'nope/report.json'], { cwd: root });
  assert.is(r.code, 2);
  assert.is(r.stderr, 'vecstage: cannot read report nope/report.json: no such file\n');
});


test.run();
