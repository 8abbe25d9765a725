/** promote / rollback checks on the memory backend: what is refused, with which code, before the pointer moves. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promote, rollback } from '../../src/lifecycle/promote.js';
import { createMemoryBackend } from '../../src/backends/memory/index.js';
import { createFilePointerStore } from '../../src/pointer/index.js';
import { resolveConfig, resolveEnv } from '../../src/config/index.js';
import type { VectorBackend } from '../../src/backends/types.js';
import { VecstageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-promote-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const config = resolveConfig({ embedding: { model: 'm', dimension: 2, metric: 'cosine' }, environments: { dev: { backend: { kind: 'memory' }, index: 'docs' } } }, 'test config', dir, undefined);
const target = resolveEnv(config, 'dev', {});

async function setup(): Promise<{ backend: VectorBackend; pointer: ReturnType<typeof createFilePointerStore> }> {
  const backend = createMemoryBackend();
  const pointer = createFilePointerStore({ path: join(mkdtempSync(join(dir, 'p-')), 'dev.json'), env: 'dev' });
  const make = async (name: string, rows: number, promised: number, dimension = 2, model = 'm') => {
    const idx = await backend.createIndex({ name, dimension, metric: 'cosine', provenance: { model, dimension, metric: 'cosine', toolkitVersion: 't', createdAt: '2026-01-01T00:00:00.000Z', rows: promised } });
    await idx.upsert(Array.from({ length: rows }, (_, i) => ({ id: `r${i}`, values: Float32Array.from({ length: dimension }, (_, j) => i + j + 1) })));
  };
  await make('docs-v1', 3, 3);
  await make('docs-v2', 2, 3);
  await make('docs-v3', 3, 3, 3);
  await make('docs-v4', 3, 3, 2, 'other-model');
  return { backend, pointer };
}

async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, VecstageError);
    return [(err as VecstageError).code, (err as Error).message];
  }
  throw new Error('expected a rejection');
}

test('promote checks existence, contract and the promised count before the pointer moves', async () => {
  const { backend, pointer } = await setup();
  const [c0, m0] = await codeOf(promote({ target, backend, pointer, index: 'docs-v9' }));
  assert.is(c0, 'INPUT');
  assert.match(m0, 'existing versions: docs-v1, docs-v2, docs-v3, docs-v4');
  const [c1, m1] = await codeOf(promote({ target, backend, pointer, index: 'docs-v2' }));
  assert.is(c1, 'CHECK_FAILED');
  assert.match(m1, 'holds 2 records, its load promised 3');
  const [c2, m2] = await codeOf(promote({ target, backend, pointer, index: 'docs-v3' }));
  assert.is(c2, 'REFUSED');
  assert.match(m2, 'index "docs-v3" has dimension 3 vs 2 required by environment "dev"');
  const [c3, m3] = await codeOf(promote({ target, backend, pointer, index: 'docs-v4' }));
  assert.is(c3, 'REFUSED');
  assert.match(m3, 'model "other-model" vs "m"');
  assert.is((await pointer.read()).current, null, 'no refused promote moved the pointer');
  const ok = await promote({ target, backend, pointer, index: 'docs-v1' });
  assert.equal([ok.from, ok.to, ok.count], [null, 'docs-v1', 3]);
});

test('rollback with no earlier index is CHECK_FAILED and leaves the pointer alone', async () => {
  const { backend, pointer } = await setup();
  await promote({ target, backend, pointer, index: 'docs-v1' });
  const [code, msg] = await codeOf(rollback(target, pointer));
  assert.is(code, 'CHECK_FAILED');
  assert.match(msg, 'nothing to roll back to');
  assert.is((await pointer.read()).current, 'docs-v1');
});

test.run();
