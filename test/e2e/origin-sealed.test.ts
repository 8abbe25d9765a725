/**
 * Issue 14, as a new user tried it: `vecstage generate`, the export copied alone under a production-looking name,
 * `vecstage sample` without --origin, then `vecstage load` into a sealed env WITH both opt-ins. The load is refused
 * (exit 3) naming the sample and its origin; the same rows without the marker (a real export) load.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-e2e-origin-'));
const project = join(dir, 'project');
mkdirSync(project);
writeFileSync(
  join(project, 'vecstage.config.json'),
  JSON.stringify({
    embedding: { model: 'm', dimension: 8, metric: 'cosine' },
    environments: { prod: { backend: { kind: 'memory' }, index: 'real', sealed: true } },
  }),
);
const optIn = { cwd: project, env: { VECSTAGE_ALLOW_SEALED: '1' } };

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a generated export copied alone: sampled as synthetic, refused by a sealed env despite both opt-ins', async () => {
  const gen = await spawnCli(['generate', '--out', join(dir, 'gen.csv'), '--rows', '2000', '--dim', '8', '--truth', join(dir, 'gen.csv.truth.json')]);
  assert.is(gen.code, 0, gen.stderr);
  const copy = join(project, 'prod-export-2024-06.csv');
  copyFileSync(join(dir, 'gen.csv'), copy);
  const s = await spawnCli(['sample', copy, '--out', 'sample-june', '--stratify-by', 'tenant,lang'], { cwd: project });
  assert.is(s.code, 0, s.stderr);
  const m = JSON.parse(readFileSync(join(project, 'sample-june', 'manifest.json'), 'utf8')) as { origin: string };
  assert.is(m.origin, 'synthetic');

  const r = await spawnCli(['load', 'sample-june', '--env', 'prod', '--allow-sealed', '--index', 'real-v1', '--json'], optIn);
  assert.is(r.code, 3, r.stderr);
  assert.match(r.stderr, /refused: the sample at \S*sample-june holds synthetic rows and environment "prod" is sealed; .*even with --allow-sealed and VECSTAGE_ALLOW_SEALED=1 \(manifest origin: synthetic\)/);
  const out = JSON.parse(r.stdout) as { error: { code: string; details: { origin: string; sample: string } } };
  assert.is(out.error.code, 'REFUSED');
  assert.is(out.error.details.origin, 'synthetic');
  assert.match(out.error.details.sample, /sample-june$/);

  // the same rows without the marker stand for a real export: the opt-ins then let the load through
  const real = join(project, 'real.csv');
  writeFileSync(real, readFileSync(copy, 'utf8').replace(/,vecstage_origin\n/, '\n').replaceAll(',synthetic,extra\n', ',extra\n').replaceAll(',synthetic\n', '\n'));
  assert.is((await spawnCli(['sample', real, '--out', 'sample-real'], { cwd: project })).code, 0);
  const ok = await spawnCli(['load', 'sample-real', '--env', 'prod', '--allow-sealed', '--index', 'real-v1', '--json'], optIn);
  assert.is(ok.code, 0, ok.stderr);
  assert.is((JSON.parse(ok.stdout) as { provenance: { source: string } }).provenance.source, 'production');
});

test.run();
