import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('plain Node can import the library by its package name', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import { resolveIndex, sample, compare } from 'vecstage'; console.log(typeof resolveIndex, typeof sample, typeof compare)"], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), 'function function function');
});

test('every named export of the plain-Node entry exists in the library', async () => {
  const lib = await import('../../src/index.js');
  const entry = (await import('node:fs')).readFileSync(`${root}bin/lib.js`, 'utf8');
  const names = (/export const \{([^}]+)\}/.exec(entry)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  assert.ok(names.length > 20);
  for (const n of names) assert.type((lib as Record<string, unknown>)[n], 'function', n);
});

test.run();
