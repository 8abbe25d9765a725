/**
 * `vecstage fixtures filters` on real samples: the generated filters hit their target selectivities within the
 * stated tolerance (recounted independently from sample.arrow), the file is valid golden JSONL, the run is
 * deterministic, --truth holds the exact filtered top-k, unreachable targets fall back to the nearest achievable
 * and say so, numeric metadata gets range filters, and bad input is a clear error (exit 2).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { arrowMetadata, filterSampleProject } from '../helpers/filter-sample.js';
import { parseGolden } from '../../src/golden/index.js';
import { readTruthFile } from '../../src/arrow/index.js';
import { loadCorpus } from '../../src/truth/corpus.js';
import type { FilteredQueryPick } from '../../src/golden/filters/index.js';

let dir: string;
let raw: Array<Record<string, unknown> | null>;
const cli = (args: string[]) => runCli(args, { cwd: dir });
const gen = (args: string[]) => cli(['fixtures', 'filters', '--sample', 'sample', ...args]);

test.before(async () => {
  dir = await filterSampleProject();
  raw = arrowMetadata(join(dir, 'sample'));
});
test.after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * An oracle for the filter forms the generator writes (several keys = AND; a bare value, $in, $ne, $lt, $gte,
 * $lte), written apart from src/backends/filter.ts so a mistake there cannot hide here.
 */
function passes(filter: Record<string, unknown>, m: Record<string, unknown> | null): boolean {
  return Object.entries(filter).every(([field, cond]) => {
    const has = m !== null && Object.hasOwn(m, field);
    const v = has ? m![field] : undefined;
    if (typeof cond !== 'object' || cond === null) return has && v === cond;
    return Object.entries(cond).every(([op, x]) => {
      if (op === '$in') return has && (x as unknown[]).includes(v);
      if (op === '$ne') return !has || v !== x;
      if (op === '$lt') return typeof v === 'number' && v < (x as number);
      if (op === '$gte') return typeof v === 'number' && v >= (x as number);
      if (op === '$lte') return typeof v === 'number' && v <= (x as number);
      throw new Error(`the oracle does not know ${op}`);
    });
  });
}

test('generated filters hit 1%, 10% and 50% within ±25%, recounted from sample.arrow', async () => {
  const r = await gen(['--selectivity', '0.01,0.1,0.5', '--count', '15', '--out', 'fixtures/golden/filtered.jsonl', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rows: number; tolerance: number; missedTargets: number[]; queries: FilteredQueryPick[]; fields: string[] };
  assert.is(out.rows, raw.length);
  assert.is(out.tolerance, 0.25);
  assert.equal(out.missedTargets, []);
  assert.ok(out.fields.includes('tenant') && out.fields.includes('lang'), out.fields.join(','));
  assert.equal([0.01, 0.1, 0.5].map((t) => out.queries.filter((q) => q.target === t).length), [5, 5, 5]);
  for (const q of out.queries) {
    const passing = raw.filter((m) => passes(q.filter, m)).length;
    assert.is(q.passing, passing, `${q.id} ${JSON.stringify(q.filter)}`);
    assert.is(q.selectivity, passing / raw.length);
    assert.ok(q.withinTolerance, q.id);
    assert.ok(Math.abs(q.selectivity - q.target) <= 0.25 * q.target, `${q.id}: ${q.selectivity} vs ${q.target}`);
  }
  // the file: valid golden queries with those filters, 16-dim vectors, tagged as filtered
  const text = readFileSync(join(dir, 'fixtures/golden/filtered.jsonl'), 'utf8');
  const parsed = parseGolden(text, { source: 'filtered.jsonl' });
  assert.equal(parsed.issues, []);
  assert.is(parsed.queries.length, 15);
  assert.is(parsed.dimension, 16);
  assert.equal(parsed.queries.map((q) => q.filter), out.queries.map((q) => q.filter));
  assert.ok(parsed.queries.every((q) => q.tags.includes('filtered')));
  const v = await cli(['fixtures', 'validate', 'fixtures/golden/filtered.jsonl', '--sample', 'sample']);
  assert.is(v.code, 0, v.stdout + v.stderr);
});

test('deterministic: the same flags write the same bytes; another seed moves the vectors, not the filters', async () => {
  const args = ['--selectivity', '0.05,0.2', '--count', '6'];
  assert.is((await gen([...args, '--out', 'a.jsonl'])).code, 0);
  assert.is((await gen([...args, '--out', 'b.jsonl'])).code, 0);
  assert.is((await gen([...args, '--out', 'c.jsonl', '--seed', '9'])).code, 0);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  assert.is(read('a.jsonl'), read('b.jsonl'));
  assert.is.not(read('a.jsonl'), read('c.jsonl'));
  const filters = (f: string) => parseGolden(read(f), { source: f }).queries.map((q) => JSON.stringify(q.filter));
  assert.equal(filters('a.jsonl'), filters('c.jsonl'));
});

test('--truth: the exact filtered top-k of the written queries, every id passing its filter', async () => {
  const r = await gen(['--selectivity', '0.01,0.5', '--count', '4', '--out', 't.jsonl', '--truth', 't.arrow', '--k', '50', '--metric', 'l2', '--json']);
  assert.is(r.code, 0, r.stderr);
  const picks = (JSON.parse(r.stdout) as { queries: FilteredQueryPick[] }).queries;
  const truth = await readTruthFile(join(dir, 't.arrow'));
  assert.is(truth.meta.k, 50);
  assert.is(truth.meta.metric, 'l2');
  // keyed to the file's bytes, so `bench --truth t.arrow --queries t.jsonl` accepts it
  assert.is(truth.meta.queriesHash, createHash('sha256').update(readFileSync(join(dir, 't.jsonl'))).digest('hex'));
  const ids = new Map((await loadCorpus(join(dir, 'sample'))).ids.map((id, i) => [id, i]));
  for (const p of picks) {
    const row = truth.rows.find((t) => t.queryId === p.id)!;
    assert.is(row.ids.length, Math.min(50, p.passing), p.id);
    for (const id of row.ids) assert.ok(passes(p.filter, raw[ids.get(id)!]!), `${p.id}: ${id} fails ${JSON.stringify(p.filter)}`);
    for (let i = 1; i < row.distances.length; i++) assert.ok(row.distances[i]! >= row.distances[i - 1]!);
  }
});

test('a target the metadata cannot reach: the nearest achievable filter, flagged and warned about', async () => {
  const r = await gen(['--selectivity', '0.00001', '--count', '2', '--out', 'tiny.jsonl', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { missedTargets: number[]; queries: FilteredQueryPick[] };
  assert.equal(out.missedTargets, [0.00001]);
  assert.ok(out.queries.every((q) => !q.withinTolerance && q.passing >= 1));
  assert.match(r.stderr, /no filter on this sample's metadata is within ±25% of selectivity 0.00001; used the nearest achievable/);
});

test('numeric metadata gets range filters that hit their targets', async () => {
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `r${i}`, embedding: [Math.sin(i) + 2, Math.cos(i) + 2, 1], price: (i * 37) % 400 }));
  writeFileSync(join(dir, 'priced.jsonl'), `${lines.join('\n')}\n`);
  assert.is((await cli(['import', 'priced.jsonl', '--out', 'priced'])).code, 0);
  const r = await cli(['fixtures', 'filters', '--sample', 'priced', '--selectivity', '0.01,0.25', '--count', '4', '--out', 'priced-golden.jsonl', '--json']);
  assert.is(r.code, 0, r.stderr);
  const picks = (JSON.parse(r.stdout) as { queries: FilteredQueryPick[] }).queries;
  const prices = arrowMetadata(join(dir, 'priced'));
  for (const p of picks) {
    assert.ok(Object.keys(p.filter).every((k) => k === 'price'), JSON.stringify(p.filter));
    assert.is(p.passing, prices.filter((m) => passes(p.filter, m)).length);
    // 400 distinct prices: a range hits the target exactly
    assert.is(p.selectivity, p.target, JSON.stringify(p));
  }
});

test('bad input: a clear error, exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--selectivity', '0', '--count', '3', '--out', 'x.jsonl'], /invalid --selectivity: "0"; allowed: shares in \(0, 1\]/],
    [['--selectivity', '0.1,1.5', '--count', '3', '--out', 'x.jsonl'], /invalid --selectivity: "1.5"/],
    [['--selectivity', 'abc', '--count', '3', '--out', 'x.jsonl'], /invalid --selectivity: "abc"/],
    [['--selectivity', '0.1,0.1', '--count', '3', '--out', 'x.jsonl'], /allowed: distinct shares/],
    [['--selectivity', '0.1,0.2,0.3', '--count', '2', '--out', 'x.jsonl'], /invalid --count: 2; allowed: an integer >= the number of targets \(3\)/],
    [['--selectivity', '0.1', '--count', '3'], /invalid --out/],
    [['--count', '3', '--out', 'x.jsonl'], /invalid --selectivity/],
    [['--selectivity', '0.1', '--count', '3', '--out', 'x.jsonl', '--tolerance', '2'], /invalid --tolerance: 2/],
    [['--selectivity', '0.1', '--count', '3', '--out', 'a.jsonl'], /a.jsonl exists; pass --force/],
  ];
  for (const [args, message] of cases) {
    const r = await gen(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  let r = await cli(['fixtures', 'filters', '--sample', 'no-such-dir', '--selectivity', '0.1', '--count', '3', '--out', 'x.jsonl']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /sample not found: no-such-dir has no sample.arrow/);
  // a sample whose rows carry no metadata at all
  writeFileSync(join(dir, 'bare.jsonl'), Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `b${i}`, embedding: [i + 1, 1, 2] })).join('\n') + '\n');
  assert.is((await cli(['import', 'bare.jsonl', '--out', 'bare'])).code, 0);
  r = await cli(['fixtures', 'filters', '--sample', 'bare', '--selectivity', '0.1', '--count', '3', '--out', 'x.jsonl']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /the sample's metadata has no field to filter on/);
  r = await cli(['fixtures', 'filters', 'extra.jsonl', '--sample', 'sample', '--selectivity', '0.1', '--count', '3', '--out', 'x.jsonl']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /takes no file argument/);
  // the other verbs still need their file
  r = await cli(['fixtures', 'list']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /give the golden queries file/);
});

test.run();
