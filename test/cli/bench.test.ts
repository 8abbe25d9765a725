/**
 * `vecstage bench` as a command: help, usage and input errors before any pass runs (exit 2), the sealed rule
 * (exit 3), suites with flags on top, and ground truth from an index scan when no sample is given. A small
 * in-process memory project keeps it fast; the end-to-end runs on real backends are in test/e2e/bench-*.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/report/types.js';

const DIM = 8;
const dir = mkdtempSync(join(tmpdir(), 'vecstage-cli-bench-'));
let index = '';
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: dir, env });
const QUICK = ['--duration', '100ms', '--serial-requests', '10', '--warmup', '0', '--rate', 'off', '--concurrency', '1'];

/** deterministic vectors: a simple LCG, so the test does not depend on Math.random */
function vectors(count: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: count }, () => Array.from({ length: DIM }, () => Math.round(next() * 1000) / 1000));
}

test.before(async () => {
  writeFileSync(
    join(dir, 'vecstage.config.json'),
    JSON.stringify({
      embedding: { model: 'm', dimension: DIM, metric: 'cosine' },
      environments: { dev: { backend: { kind: 'memory' }, index: 'ix' }, prod: { backend: { kind: 'memory' }, index: 'ix', sealed: true } },
    }),
  );
  writeFileSync(join(dir, 'base.jsonl'), vectors(300, 1).map((e, i) => `${JSON.stringify({ id: `d${i}`, embedding: e, text: `doc ${i}`, tenant: i % 3 ? 'acme' : 'globex' })}\n`).join(''));
  writeFileSync(join(dir, 'golden.jsonl'), vectors(6, 2).map((e, i) => `${JSON.stringify({ id: `q${i}`, embedding: e, tags: [i % 2 ? 'odd' : 'even'], ...(i === 5 ? { filter: { tenant: 'globex' } } : {}) })}\n`).join(''));
  let r = await cli(['import', 'base.jsonl', '--out', 'sample', '--metadata', 'tenant']);
  assert.is(r.code, 0, r.stderr);
  r = await cli(['load', 'sample', '--json']);
  assert.is(r.code, 0, r.stderr);
  index = (JSON.parse(r.stdout) as { index: string }).index;
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('--help lists the options and gate flags', async () => {
  const r = await cli(['bench', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^usage: vecstage bench --queries <golden\.jsonl>/);
  assert.match(r.stdout, /--max-p95-regression 10%/);
});

const USAGE: Array<[string, string[], RegExp]> = [
  ['no --queries', [], /invalid --queries: null; allowed: a golden queries file/],
  ['a zero concurrency', ['--queries', 'golden.jsonl', '--concurrency', '1,0'], /invalid --concurrency: "0"; allowed: integers 1\.\.1024/],
  ['a bad cutoff', ['--queries', 'golden.jsonl', '--cutoffs', '10,x'], /invalid --cutoffs: "x"/],
  ['a bad rate', ['--queries', 'golden.jsonl', '--rate', 'fast'], /invalid --rate: "fast"/],
  ['a bad duration', ['--queries', 'golden.jsonl', '--duration', '10 minutes'], /invalid --duration: "10 minutes"/],
  ['a gate of 10 (meant 10%?), caught before any pass runs', ['--queries', 'golden.jsonl', '--max-p95-regression', '10'], /invalid --max-p95-regression: "10"; allowed: a percentage like 10%/],
  ['a baseline that does not exist, caught before any pass runs', ['--queries', 'golden.jsonl', '--baseline', 'nope/report.json'], /cannot read report nope\/report\.json: no such file/],
  ['a missing suite', ['--suite', 'bench/none.json'], /bench suite not found: bench\/none\.json/],
  ['an unknown flag', ['--queries', 'golden.jsonl', '--concurency', '4'], /vecstage bench: Unknown option '--concurency'.*allowed options: .*--concurrency/],
  ['no live index and no --index', ['--queries', 'golden.jsonl'], /environment "dev" has no live index; pass --index <name-vN> or promote one first/],
];
for (const [what, args, message] of USAGE) {
  test(`exit 2 with one clear line: ${what}`, async () => {
    const t0 = performance.now();
    const r = await cli(['bench', ...args]);
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.is(r.stdout, '');
    assert.ok(performance.now() - t0 < 60_000);
  });
}

test('a sealed env is refused with exit 3 and says how to opt in', async () => {
  const r = await cli(['bench', '--env', 'prod', '--queries', 'golden.jsonl', '--index', index, '--json']);
  assert.is(r.code, 3, r.stderr);
  assert.match(r.stderr, /refused: bench on sealed environment "prod"; .*--allow-sealed and VECSTAGE_ALLOW_SEALED=1/);
  assert.is((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'REFUSED');
});

test('a suite sets the run, flags override it; the suite is recorded in the report', async () => {
  mkdirSync(join(dir, 'bench'), { recursive: true });
  writeFileSync(join(dir, 'bench/quick.json'), JSON.stringify({ queries: 'golden.jsonl', sample: 'sample', cutoffs: [5, 20], concurrency: [2, 3], rate: null, duration: '100ms', serialRequests: 10, warmupRequests: 0 }));
  const r = await cli(['bench', '--suite', 'bench/quick.json', '--index', index, '--concurrency', '1', '--json']);
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, (JSON.parse(r.stdout) as { paths: { json: string } }).paths.json), 'utf8')) as Report;
  assert.is(report.suite, 'bench/quick.json');
  assert.equal(report.settings.cutoffs, [5, 20]);
  assert.equal(report.settings.concurrency, [1], 'the flag wins');
  assert.equal(report.latency.sweep.levels.map((l) => l.concurrency), [1]);
  assert.is(report.settings.rate, null);
  assert.is(report.latency.openLoop, null);
  assert.equal(report.quality.recall, { '5': 1, '20': 1 }, 'exact memory index, filtered query included');
  assert.equal(report.quality.byTag.map((g) => [g.name, g.queries]), [['even', 3], ['odd', 3]]);
  assert.match(report.fingerprint.truth!.path!, /^\.vecstage\/cache\/truth-[0-9a-f]{32}\.arrow$/, 'relative: no machine paths in a shared report');
});

test('without --sample the truth comes from a scan of the index itself (memory: recall 1.0)', async () => {
  const r = await cli(['bench', '--queries', 'golden.jsonl', '--index', index, '--cutoffs', '10', ...QUICK, '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /no --sample given, scanning 300 records/);
  const report = JSON.parse(readFileSync(join(dir, (JSON.parse(r.stdout) as { paths: { json: string } }).paths.json), 'utf8')) as Report;
  assert.equal(report.quality.recall, { '10': 1 });
  assert.is(report.fingerprint.truth!.path, null);
  assert.is(report.quality.errored, 0);
});

test('plain output: the verdict line, then the paths of report.json, report.html, summary.md and index.html', async () => {
  const r = await cli(['bench', '--queries', 'golden.jsonl', '--index', index, '--sample', 'sample', ...QUICK]);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^PASS: measured 6 queries; no baseline to compare against$/);
  assert.equal(lines.slice(1).map((l) => l.trim().replace(/^reports\/[^/]+\//, '')), ['report.json', 'report.html', 'summary.md', 'reports/index.html']);
});

test.run();
