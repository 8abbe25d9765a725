import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGolden } from '../../src/golden/parse.js';
import { runCli, spawnCli } from '../helpers/cli.js';

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vecstage-generate-'));
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('--json prints one summary object; files land relative to cwd', async () => {
  const r = await runCli(['generate', '--out', 'p.csv', '--rows', '2000', '--dim', '8', '--truth', 'p.csv.truth.json', '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Record<string, unknown> & { edgeCases: Record<string, number>; badRows: Record<string, number> };
  assert.is(s.ok, true);
  assert.is(s.out, join(dir, 'p.csv'));
  assert.is(s.format, 'csv');
  assert.is(s.rows, 2000);
  assert.is(s.bytes, (await stat(join(dir, 'p.csv'))).size);
  assert.is(s.edgeCases['zero-vector'], 4);
  assert.is(s.badRows['missing-id'], 1);
  assert.equal(s.rareStratum, { tenant: 'initech', lang: 'ja', rows: 3 });
  const truth = JSON.parse(await readFile(join(dir, 'p.csv.truth.json'), 'utf8')) as { rows: number };
  assert.is(truth.rows, 2000);
  assert.is(r.stderr, '', 'no progress when stderr is not a TTY');
});

test('format follows the extension; rates apply to every kind', async () => {
  const r = await runCli(['generate', '--out', 'p.jsonl', '--rows', '1000', '--dim', '4', '--edge-rate', '0', '--bad-rate', '0.002', '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { format: string; edgeCases: Record<string, number>; badRows: Record<string, number> };
  assert.is(s.format, 'jsonl');
  assert.ok(Object.values(s.edgeCases).every((n) => n === 0));
  assert.ok(Object.values(s.badRows).every((n) => n === 2));
  assert.match(await readFile(join(dir, 'p.jsonl'), 'utf8'), /^\{"id":"doc-000001","vecstage_origin":"synthetic","embedding":\[/);
});

test('usage errors exit 2 and name what is allowed', async () => {
  const noOut = await runCli(['generate']);
  assert.is(noOut.code, 2);
  assert.match(noOut.stderr, 'invalid --out');
  const fmt = await runCli(['generate', '--out', join(dir, 'x.csv'), '--format', 'parquet', '--json']);
  assert.is(fmt.code, 2);
  assert.match(fmt.stderr, 'invalid --format: "parquet"; allowed: csv, jsonl');
  assert.is((JSON.parse(fmt.stdout) as { error: { code: string } }).error.code, 'USAGE');
  const rows = await runCli(['generate', '--out', join(dir, 'x.csv'), '--rows', 'many']);
  assert.is(rows.code, 2);
  assert.match(rows.stderr, 'invalid --rows: "many"');
});

test('--documents: a marked raw document export (no embeddings) and text-only golden queries on its ids', async () => {
  const r = await runCli(['generate', '--documents', '--out', 'docs.jsonl', '--docs', '300', '--seed', '4', '--queries', 'golden.jsonl', '--query-count', '40', '--json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { format: string; docs: number; bytes: number; queryCount: number };
  assert.equal([s.format, s.docs, s.queryCount], ['jsonl', 300, 40]);
  const lines = (await readFile(join(dir, 'docs.jsonl'), 'utf8')).trim().split('\n');
  assert.is(lines.length, 300);
  assert.is(s.bytes, (await stat(join(dir, 'docs.jsonl'))).size);
  const ids = new Set<string>();
  for (const l of lines) {
    const d = JSON.parse(l) as Record<string, unknown>;
    assert.is(d.vecstage_origin, 'synthetic');
    assert.not.ok('embedding' in d);
    ids.add(d.id as string);
  }
  const golden = parseGolden(await readFile(join(dir, 'golden.jsonl'), 'utf8'), { source: 'golden.jsonl', textOnly: true });
  assert.equal(golden.issues, []);
  assert.is(golden.queries.length, 40);
  for (const q of golden.queries) for (const id of Object.keys(q.relevant ?? {})) assert.ok(ids.has(id), `${q.id} judges unknown ${id}`);
  // sampled as synthetic from the marker alone; production on it is refused
  const lie = await runCli(['import', 'docs.jsonl', '--out', 'never-docs', '--origin', 'production'], { cwd: dir });
  assert.is(lie.code, 3, lie.stderr);
  assert.match(lie.stderr, /origin marker "vecstage_origin"/);
  const csv = await runCli(['generate', '--documents', '--out', 'docs.csv', '--docs', '100'], { cwd: dir });
  assert.is(csv.code, 0, csv.stderr);
  assert.match(await readFile(join(dir, 'docs.csv'), 'utf8'), /^id,text,tenant,lang,doc_type,vecstage_origin\n/);
});

test('--documents usage errors exit 2: vector-only flags, document-only flags without it, --query-count alone', async () => {
  const cases: Array<[string[], string]> = [
    [['--documents', '--out', 'd.jsonl', '--dim', '8'], 'invalid --dim: "8"; allowed: not with --documents'],
    [['--out', 'x.csv', '--queries', 'q.jsonl'], 'invalid --queries: "q.jsonl"; allowed: only with --documents'],
    [['--documents', '--out', 'd.jsonl', '--query-count', '5'], 'invalid --query-count: 5; allowed: with --queries'],
    [['--documents', '--out', 'd.jsonl', '--format', 'arrow'], 'invalid --format: "arrow"; allowed: jsonl, csv'],
    [['--documents', '--out', 'd.jsonl', '--docs', '10'], 'invalid --docs: "10"'],
  ];
  for (const [argv, want] of cases) {
    const r = await runCli(['generate', ...argv], { cwd: dir });
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.stderr, want);
  }
});

test('--help works, and the bin runs it as a user would', async () => {
  const r = await spawnCli(['generate', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, 'usage: vecstage generate --out <file>');
  const top = await runCli(['--help']);
  assert.match(top.stdout, /generate\s+write a synthetic production export/);
});

test.run();
