import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('--help works, and the bin runs it as a user would', async () => {
  const r = await spawnCli(['generate', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, 'usage: vecstage generate --out <file>');
  const top = await runCli(['--help']);
  assert.match(top.stdout, /generate\s+write a synthetic production export/);
});

test.run();
