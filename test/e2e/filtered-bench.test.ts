/**
 * Filtered workloads end to end on embedded Chroma, through the CLI as a user runs them: `fixtures filters` on the
 * demo's sample (1%, 10%, 50%), concatenated with the demo's golden queries (unfiltered ones, and two tenant
 * filters with qrels), loaded and benched. report.json carries the five bands with the queries placed by the
 * selectivity recounted here from the sample, validates against the schema, never shows a padded result list,
 * and report.html and summary.md show the bands.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { runCli } from '../helpers/cli.js';
import { startChroma, type ChromaTestServer } from '../helpers/chroma.js';
import { arrowMetadata } from '../helpers/filter-sample.js';
import { DEMO_GOLDEN, demoProject } from '../bench/run/demo-project.js';
import { matchesFilter } from '../../src/backends/filter.js';
import { parseGolden } from '../../src/golden/index.js';
import type { Report } from '../../src/report/types.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../src/report/report.schema.json', import.meta.url), 'utf8')));

let chroma: ChromaTestServer;
let dir: string;
const cli = (args: string[]) => runCli(args, { cwd: dir });

test.before(async () => {
  chroma = await startChroma();
  dir = await demoProject({ environments: { dev: { backend: { kind: 'chroma', url: chroma.url }, index: 'demo' } } });
});
test.after(async () => {
  await chroma?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('bench with filtered golden queries: bands in report.json, report.html and summary.md', async () => {
  let r = await cli(['fixtures', 'filters', '--sample', 'sample', '--selectivity', '0.01,0.1,0.5', '--count', '12', '--out', 'fixtures/golden/filtered.jsonl']);
  assert.is(r.code, 0, r.stderr);
  writeFileSync(join(dir, 'mixed.jsonl'), readFileSync(DEMO_GOLDEN, 'utf8') + readFileSync(join(dir, 'fixtures/golden/filtered.jsonl'), 'utf8'));
  r = await cli(['load', 'sample', '--json']);
  assert.is(r.code, 0, r.stderr);
  const index = (JSON.parse(r.stdout) as { index: string }).index;
  r = await cli(['bench', '--queries', 'mixed.jsonl', '--index', index, '--sample', 'sample', '--cutoffs', '10,100', '--concurrency', '1,4', '--duration', '1s', '--serial-requests', '300', '--warmup', '20', '--json']);
  assert.is(r.code, 0, r.stderr);
  const paths = (JSON.parse(r.stdout) as { paths: { json: string; html: string; md: string } }).paths;
  const report = JSON.parse(readFileSync(join(dir, paths.json), 'utf8')) as Report;
  assert.equal(validate(report) ? [] : validate.errors, []);
  const s = report.selectivity!;
  assert.ok(s, 'a selectivity section');
  assert.is(s.source, 'sample');
  assert.is(s.k, 100);
  assert.equal(s.bands.map((b) => b.name), ['<=1%', '1-10%', '10-50%', '>50%', 'unfiltered']);

  // every filtered query, recounted from sample.arrow, sits in the band its share says
  const raw = arrowMetadata(join(dir, 'sample'));
  assert.is(s.rows, raw.length);
  const golden = parseGolden(readFileSync(join(dir, 'mixed.jsonl'), 'utf8'), { source: 'mixed.jsonl' }).queries;
  const filtered = golden.filter((q) => q.filter);
  assert.is(s.queries.length, filtered.length);
  const bandOfShare = (x: number) => (x <= 0.01 ? '<=1%' : x <= 0.1 ? '1-10%' : x <= 0.5 ? '10-50%' : '>50%');
  for (const q of filtered) {
    const passing = raw.filter((m) => matchesFilter(q.filter!, (m ?? undefined) as never)).length;
    const row = s.queries.find((x) => x.id === q.id)!;
    assert.is(row.passing, passing, q.id);
    assert.is(row.band, bandOfShare(passing / raw.length), q.id);
    // never padded: at most what the filter allows; short means fewer than min(k, passing)
    assert.ok(row.returned !== null && row.returned <= Math.min(100, passing), `${q.id} returned ${row.returned} of ${passing}`);
    assert.is(row.short, row.returned < Math.min(100, passing), q.id);
  }
  const band = (n: string) => s.bands.find((b) => b.name === n)!;
  for (const n of ['<=1%', '1-10%', '10-50%', 'unfiltered']) {
    const b = band(n);
    assert.ok(b.queries > 0, `${n} has queries`);
    assert.ok(b.recall['10']! > 0.5 && b.recall['10']! <= 1, `${n} recall@10 ${b.recall['10']}`);
    assert.ok(b.latency && b.latency.samples > 0 && b.latency.p95 >= b.latency.p50 && b.latency.p50 > 0, `${n} latency`);
  }
  assert.is(band('unfiltered').queries, golden.length - filtered.length);
  assert.ok(band('unfiltered').ndcgQueries > 0 && band('unfiltered').ndcg['10']! > 0, 'qrels of the demo queries give nDCG');
  assert.is(s.bands.reduce((a, b) => a + b.shortLists, 0), s.queries.filter((q) => q.short).length + (band('unfiltered').shortLists));
  // the serial pass's ok latencies, all handed to some band
  assert.is(s.bands.reduce((a, b) => a + (b.latency?.samples ?? 0), 0), report.latency.serial.samplesMs.length);

  const html = readFileSync(join(dir, paths.html), 'utf8');
  assert.match(html, /<section id="selectivity">/);
  for (const n of ['&#60;=1%', '1-10%', '10-50%', '&#62;50%', 'unfiltered']) assert.ok(html.includes(`data-band="${n}"`), `band row ${n}`);
  const md = readFileSync(join(dir, paths.md), 'utf8');
  assert.match(md, /### By filter selectivity/);
  assert.match(md, /\| ≤1% \| \d+ \|/);
});

test.run();
