import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SHARED_DATA, haveSharedData, skipMessage } from '../bench/quality/reference-data.js';
import { runCli, spawnCli } from '../helpers/cli.js';

const TREC = `${SHARED_DATA}trec_eval/`;
const present = haveSharedData('trec_eval');
let dir = '';

test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vecstage-metrics-'));
  writeFileSync(join(dir, 'qrels'), 'q1 0 a 2\nq1 0 b 0\nq1 0 c 1\nq2 0 x 1\nq3 0 z 1\n');
  writeFileSync(join(dir, 'run'), '# a comment\nq1 Q0 a 1 0.9 tagA\nq1 Q0 b 2 0.8 tagA\nq1 Q0 c 3 0.7 tagA\n\nq2 Q0 y 1 0.5 tagB\nq9 Q0 z 1 1 tagB\n');
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('prints trec_eval lines: measure padded to 22, TAB, qid|all, TAB, 4 decimals', async () => {
  const r = await runCli(['metrics', '--qrels', 'qrels', '--run', 'run', '-m', 'num_q,map,P.1,2', '-q'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    [
      'map                   \tq1\t0.8333',
      'P_1                   \tq1\t1.0000',
      'P_2                   \tq1\t0.5000',
      'map                   \tq2\t0.0000',
      'P_1                   \tq2\t0.0000',
      'P_2                   \tq2\t0.0000',
      'num_q                 \tall\t2',
      'map                   \tall\t0.4167',
      'P_1                   \tall\t0.5000',
      'P_2                   \tall\t0.2500',
      '',
    ].join('\n'),
  );
});

test('--all-queries averages over every qrels query; --k sets cutoffs; --precision', async () => {
  const r = await runCli(['metrics', '--qrels', 'qrels', '--run', 'run', '-m', 'num_q,success', '--k', '1', '-c', '--precision', '6'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'num_q                 \tall\t3\nsuccess_1             \tall\t0.333333\n');
});

test('--json prints one object with all and per-query values', async () => {
  const r = await runCli(['metrics', '--qrels', 'qrels', '--run', 'run', '-m', 'runid,recip_rank', '--per-query', '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { ok: true, runId: 'tagB', numQ: 2, all: { recip_rank: 0.5 }, queries: { q1: { recip_rank: 1 }, q2: { recip_rank: 0 } } });
});

test('errors name the file:line and what is allowed; exit 2', async () => {
  writeFileSync(join(dir, 'bad-run'), 'q1 Q0 a 1 0.9 t\nq1 Q0 b 2 high t\n');
  const r = await runCli(['metrics', '--qrels', 'qrels', '--run', 'bad-run'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, `invalid score: "high" (${join(dir, 'bad-run')}:2); allowed: a finite number (column 5)`);
  const m = await runCli(['metrics', '--qrels', 'qrels', '--run', 'run', '-m', 'mapp'], { cwd: dir });
  assert.is(m.code, 2);
  assert.match(m.stderr, 'invalid measure: "mapp" (-m); allowed: runid, num_q');
  const missing = await runCli(['metrics', '--qrels', 'nope', '--run', 'run', '--json'], { cwd: dir });
  assert.is(missing.code, 2);
  assert.is(JSON.parse(missing.stdout).error.code, 'INPUT');
  assert.match(missing.stderr, 'cannot read qrels file');
  const usage = await runCli(['metrics', '--run', 'run'], { cwd: dir });
  assert.is(usage.code, 2);
  assert.match(usage.stderr, '--qrels and --run are required');
  writeFileSync(join(dir, 'other-run'), 'q7 Q0 a 1 1 t\n');
  const none = await runCli(['metrics', '--qrels', 'qrels', '--run', 'other-run'], { cwd: dir });
  assert.is(none.code, 2);
  assert.match(none.stderr, 'no query is in both the qrels and the run');
});

test('--help works', async () => {
  const r = await runCli(['metrics', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, 'vecstage metrics --qrels <file> --run <file>');
  assert.match((await runCli(['--help'])).stdout, /metrics\s+trec_eval-conformant/);
});

test('bin/vecstage.js metrics -q on trec_eval test vectors: every printed line is in trec_eval\'s out.test.aq', async () => {
  if (!present) return void console.log(skipMessage('trec_eval'));
  const r = await spawnCli(['metrics', '--qrels', `${TREC}qrels.test`, '--run', `${TREC}results.test`, '-q', '-m', 'all_trec']);
  assert.is(r.code, 0, r.stderr);
  const expected = new Set(readFileSync(`${TREC}out.test.aq`, 'utf8').split('\n'));
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines.length, 3 * 37 + 39); // 37 measures a query; all adds runid and num_q
  for (const line of lines) assert.ok(expected.has(line), `not in out.test.aq: ${JSON.stringify(line)}`);
});

test.run();
