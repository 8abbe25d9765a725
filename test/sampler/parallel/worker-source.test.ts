/**
 * workerUrl() caches its answer per process, so each case runs in a child process of its own (through tsx, as the
 * tests do): with the compiled entries announced on globalThis (bin/compiled.js does that when code runs from the
 * bundle) it answers the bundle's scan-worker file; without, an in-memory bundle whose import.meta is bound to the
 * original files.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE = new URL('../../../src/sampler/parallel/worker-source.ts', import.meta.url).href;

function workerUrlIn(setup: string): string {
  const script = `${setup}\nconst { workerUrl } = await import(${JSON.stringify(SOURCE)});\nprocess.stdout.write((await workerUrl()).href);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VECSTAGE_BUNDLE_DEBUG: '' }, maxBuffer: 1 << 28 });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
}

test('code running from the compiled bundle: workers use its scan-worker entry', () => {
  const url = 'file:///somewhere/node_modules/.cache/vecstage/0123/scan-worker.mjs';
  assert.is(workerUrlIn(`globalThis[Symbol.for('vecstage.compiled-entries')] = { scanWorker: ${JSON.stringify(url)} };`), url);
});

test('code running through tsx: an in-memory bundle of scan-worker.ts with import.meta bound to the sources', () => {
  const url = workerUrlIn('');
  assert.ok(url.startsWith('data:text/javascript,'), url.slice(0, 80));
  const code = decodeURIComponent(url.slice('data:text/javascript,'.length));
  assert.match(code, /parentPort/);
  assert.not.match(code, /import\.meta\.(url|filename|dirname)\b/);
});

test.run();
