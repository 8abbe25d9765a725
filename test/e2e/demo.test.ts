/**
 * `vecstage demo` end to end, as a user runs it (a child process in an empty temp folder, embedded Chroma started
 * and stopped by the demo itself): exit 0, four report.html paths that exist. Act 1 (vectors): the second verdict
 * REGRESSION. Act 2 (raw documents): two chunking strategies built by `vecstage build`, benched on document-level
 * qrels, compared in a strategy section, and the winner (by document nDCG@10) promoted or held by its gates.
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

test('vecstage demo: exit 0, four report.html files, act 1 second verdict is REGRESSION', async () => {
  run = await spawnCli(['demo', '--seconds', '1'], { cwd });
  assert.is(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const html = lines.flatMap((l) => l.match(/(\S+report\.html)\s*$/)?.[1] ?? []);
  assert.is(html.length, 4, run.stdout);
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

interface DocReport {
  verdict: { status: string };
  documents?: { measures: Record<string, number> };
  strategy?: { pipeline: string; chunks: number };
  baseline?: { comparison: { strategy?: { wins: { candidate: string[]; baseline: string[]; ties: number } } } };
}

test('demo act 2: two chunking strategies at document level, compared, the better one promoted', () => {
  assert.ok(run, 'the demo ran');
  const lines = run!.stdout.split('\n');
  const strategies = lines.filter((l) => l.startsWith('strategy '));
  assert.is(strategies.length, 2, run!.stdout);
  const html = strategies.map((l) => l.match(/(\S+report\.html)\s*$/)![1]!);
  const [base, cand] = html.map((p) => JSON.parse(readFileSync(join(cwd, p.replace(/report\.html$/, 'report.json')), 'utf8')) as DocReport) as [DocReport, DocReport];
  assert.is(base.strategy?.pipeline, 'whole-4k');
  assert.is(cand.strategy?.pipeline, 'sw-512');
  assert.ok(cand.strategy!.chunks > base.strategy!.chunks, 'sliding windows make more chunks');
  const nd = (r: DocReport) => r.documents!.measures.ndcg_cut_10!;
  // the printed nDCG@10 is the report's document-level one
  assert.match(strategies[0]!, new RegExp(`nDCG@10 ${nd(base).toFixed(3)}`));
  assert.match(strategies[1]!, new RegExp(`nDCG@10 ${nd(cand).toFixed(3)}`));
  // 512-char windows beat one 4000-char chunk per document on these documents' golden queries
  assert.ok(nd(cand) > nd(base) + 0.03, `sw-512 ${nd(cand)} vs whole-4k ${nd(base)}`);
  const wins = cand.baseline?.comparison.strategy?.wins;
  assert.ok(wins, 'the candidate report compares strategies');
  assert.ok(wins!.candidate.length > wins!.baseline.length);
  assert.match(run!.stdout, new RegExp(`sw-512 wins ${wins!.candidate.length} queries, whole-4k ${wins!.baseline.length}, ${wins!.ties} tied`));
  const page = readFileSync(join(cwd, html[1]!), 'utf8');
  assert.match(page, /<h2>Document-level relevance<\/h2>/);
  assert.match(page, /<h2>Strategies compared<\/h2>/);
  // promoted when its report passes; on a loaded machine the latency gates may hold it, and then say why
  const last = lines.find((l) => /^\s+(promoted in staging|not promoted):/.test(l));
  assert.ok(last, run!.stdout);
  if (cand.verdict.status === 'regression') assert.match(last!, /not promoted: .*regressed/);
  else assert.match(last!, /promoted in staging: kb-v2 \(sw-512\)/);
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
