import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSampleSource } from '../../../src/load/arrow-source.js';
import { resolveOrigin } from '../../../src/sampler/input/origin.js';
import { runCli } from '../../helpers/cli.js';
import { buildProdCsv, writeCsv } from '../../helpers/prod-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-origin-'));
const data = buildProdCsv({ rows: 3000, dim: 8, seed: 9 });
const csv = join(dir, 'prod.csv');
writeCsv(csv, data.header, data.lines);
writeFileSync(
  join(dir, 'vecstage.config.json'),
  JSON.stringify({ embedding: { dimension: 8 }, environments: { dev: { backend: { kind: 'memory' }, index: 'dev' }, prod: { backend: { kind: 'memory' }, index: 'real', sealed: true } } }),
);
const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

test('resolveOrigin: the flag, the default, the evidence; production against evidence is an error', () => {
  assert.equal(resolveOrigin(undefined, undefined), { origin: 'production', source: 'default' });
  assert.equal(resolveOrigin('fixture', undefined), { origin: 'fixture', source: '--origin' });
  const ev = { origin: 'synthetic' as const, because: 'a truth file' };
  assert.equal(resolveOrigin(undefined, ev), { origin: 'synthetic', source: 'detected: a truth file' });
  assert.equal(resolveOrigin('fixture', ev), { origin: 'fixture', source: '--origin' });
  assert.throws(() => resolveOrigin('production', ev), /invalid --origin: "production" contradicts the input: a truth file; allowed: --origin synthetic/);
});

test('manifest.origin: production by default, --origin sets it (sample and import); a bad value exits 2', async () => {
  const a = join(dir, 'a');
  assert.is((await runCli(['sample', csv, '--out', a], { cwd: dir })).code, 0);
  assert.is(manifest(a).origin, 'production');
  assert.is(manifest(a).originSource, 'default');
  assert.is(manifest(a).source.kind, 'file');
  const b = join(dir, 'b');
  assert.is((await runCli(['sample', csv, '--out', b, '--origin', 'fixture'], { cwd: dir })).code, 0);
  assert.is(manifest(b).origin, 'fixture');
  const c = join(dir, 'c');
  assert.is((await runCli(['import', csv, '--out', c, '--origin', 'synthetic'], { cwd: dir })).code, 0);
  assert.is(manifest(c).origin, 'synthetic');
  const bad = await runCli(['sample', csv, '--out', join(dir, 'never'), '--origin', 'prod'], { cwd: dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /invalid --origin: "prod".*allowed: production, synthetic, fixture/);
});

test('a vecstage generate export (its .truth.json next to it) is sampled as synthetic; claiming production exits 3', async () => {
  const gen = join(dir, 'gen.csv');
  const g = await runCli(['generate', '--out', gen, '--rows', '2000', '--dim', '8', '--truth', `${gen}.truth.json`], { cwd: dir });
  assert.is(g.code, 0, g.stderr);
  const out = join(dir, 'gen-sample');
  const r = await runCli(['sample', gen, '--out', out, '--fraction', '0.15'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(manifest(out).origin, 'synthetic');
  // the marker inside the file is found first (issue 14; test/sampler/input/origin-marker.test.ts covers it and the sidecar alone)
  assert.match(manifest(out).originSource, /origin marker column "vecstage_origin"/);
  const lie = await runCli(['sample', gen, '--out', join(dir, 'never'), '--origin', 'production'], { cwd: dir });
  assert.is(lie.code, 3);
  assert.match(lie.stderr, /"production" contradicts the input/);
});

test('the loader reads origin, counts.sample_rows and the embedding from the manifest; a sealed env loads production only', async () => {
  const prod = join(dir, 'a');
  const src = await openSampleSource(prod, dir);
  assert.is(src.origin, 'production');
  assert.is(src.rows, manifest(prod).counts.sample_rows);
  assert.is(src.dimension, 8);
  assert.is((await openSampleSource(join(dir, 'b'), dir)).origin, 'fixture');
  const opt = { cwd: dir, env: { VECSTAGE_ALLOW_SEALED: '1' } };
  for (const synthetic of ['b', 'c', 'gen-sample']) {
    const r = await runCli(['load', join(dir, synthetic), '--env', 'prod', '--allow-sealed', '--index', 'real-v1'], opt);
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, /holds (fixture|synthetic) rows and environment "prod" is sealed/);
  }
  const ok = await runCli(['load', prod, '--env', 'prod', '--allow-sealed', '--index', 'real-v1', '--json'], opt);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(JSON.parse(ok.stdout).provenance.source, 'production');
  // a dev env takes anything
  assert.is((await runCli(['load', join(dir, 'c'), '--env', 'dev', '--index', 'dev-v1'], { cwd: dir })).code, 0);
});

test.run();
