import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { createFilePointerStore } from '../../src/pointer/index.js';

function store(path = join(mkdtempSync(join(tmpdir(), 'vecstage-ptr-')), 'dev.json')) {
  let t = Date.UTC(2026, 0, 1);
  return createFilePointerStore({ path, env: 'dev', now: () => new Date((t += 1000)) });
}

test('promote records history and rollback walks back', async () => {
  const s = store();
  assert.is((await s.read()).current, null);
  await s.promote('docs-v1');
  await s.promote('docs-v2', { report: 'reports/r1/report.json' });
  const st = await s.promote('docs-v3');
  assert.is(st.current, 'docs-v3');
  assert.equal(st.stack, ['docs-v1', 'docs-v2']);
  assert.is(st.history[1]?.report, 'reports/r1/report.json');
  assert.is((await s.rollback()).current, 'docs-v2');
  assert.is((await s.rollback()).current, 'docs-v1');
  try {
    await s.rollback();
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, 'nothing to roll back to');
  }
  const final = await s.read();
  assert.is(final.current, 'docs-v1');
  assert.is(final.history.length, 5);
  assert.equal(final.history.map((h) => h.action), ['promote', 'promote', 'promote', 'rollback', 'rollback']);
});

test('a corrupt pointer file is an error that says how to recover', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-ptr-'));
  writeFileSync(join(dir, 'dev.json'), '{"current":');
  try {
    await store(join(dir, 'dev.json')).read();
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, 'corrupt pointer file');
  }
});

test('8 concurrent reader processes see only complete pointers during 20 promotes from 2 writer processes', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vecstage-ptr-')), 'dev.json');
  await store(path).promote('docs-v0');
  const worker = new URL('./pointer-worker.ts', import.meta.url).pathname;
  const run = (role: string, arg: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const child = fork(worker, [role, path, arg], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      child.stderr?.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code: code ?? -1, out }));
    });
  const readers = Array.from({ length: 8 }, () => run('reader', '1500'));
  const writers = [run('writer', '1,3,5,7,9,11,13,15,17,19'), run('writer', '2,4,6,8,10,12,14,16,18,20')];
  const results = await Promise.all([...writers, ...readers]);
  for (const r of results) assert.is(r.code, 0, r.out);
  const reads = results.slice(2).map((r) => JSON.parse(r.out) as { reads: number; errors: number });
  for (const r of reads) {
    assert.is(r.errors, 0);
    assert.ok(r.reads > 0);
  }
  const final = await store(path).read();
  assert.is(final.history.length, 21);
  assert.is(final.stack.length, 20);
});

test.run();
