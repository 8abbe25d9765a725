import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateExport } from '../../src/synth/index.js';
import { runCli } from '../helpers/cli.js';

test('bernoulli mode keeps a multilingual export inside the fraction bounds (detector tags do not force rows in)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-bern-'));
  await generateExport({ out: join(dir, 'prod.csv'), rows: 6000, dim: 16, seed: 3 });
  const r = await runCli(['sample', 'prod.csv', '--out', 's', '--mode', 'bernoulli', '--fraction', '0.15', '--stratify-by', 'tenant,lang', '--seed', '7'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(dir, 's', 'manifest.json'), 'utf8')) as { counts: { rows_valid: number; sample_rows: number }; tags: Record<string, { tagged: number; inSample: number }> };
  const fraction = m.counts.sample_rows / m.counts.rows_valid;
  assert.ok(fraction >= 0.1 && fraction <= 0.2, `fraction ${fraction}`);
  // non_ascii fires on every de/fr/es/ja row: tagged widely, but only the hash-selected ones are in the sample
  const na = m.tags.non_ascii!;
  assert.ok(na.tagged > 1000, `non_ascii tagged ${na.tagged}`);
  assert.ok(na.inSample < na.tagged * 0.3, `non_ascii in sample ${na.inSample} of ${na.tagged}`);
});

test.run();
