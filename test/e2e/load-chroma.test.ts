/**
 * Issue 3 end to end on embedded Chroma, from a project folder with nothing running: load a 20k-row sample,
 * list it with provenance, promote / resolveIndex / rollback, and 8 reader processes resolving the pointer while
 * 20 promotes run, for the file pointer store and the chroma-registry store.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, spawnCli } from '../helpers/cli.js';
import { makeSample, parseJsonOut, tempProject } from '../load/project.js';
import { resolveIndex } from '../../src/lifecycle/resolve-index.js';
import { startEmbeddedServer } from '../../src/backends/chroma/index.js';
import { LOCK_FILE } from '../../src/backends/chroma/server-lock.js';
import { version } from '../../src/cli/main.js';

const ROWS = 20_000;
const DIM = 32;
const CONFIG = {
  embedding: { model: 'test-model', dimension: DIM, metric: 'cosine' },
  environments: {
    dev: { backend: { kind: 'chroma', url: 'embedded' }, index: 'docs' },
    // same data folder, pointer in a registry collection
    reg: { backend: { kind: 'chroma', url: 'embedded' }, index: 'docs', pointer: { store: 'chroma-registry' } },
  },
};

const project = tempProject(CONFIG, 'vecstage-e2e-chroma-');
const cwd = project.dir;
const dataDir = join(cwd, '.vecstage', 'chroma');
let big = '';
let small = '';

test.before(async () => {
  big = await makeSample(cwd, 'big', { rows: ROWS, dim: DIM, seed: 1 });
  small = await makeSample(cwd, 'small', { rows: 500, dim: DIM, seed: 2 });
});

test.after(() => project.remove());

interface IndexRow {
  name: string;
  count: number;
  dimension: number;
  metric: string;
  live: boolean;
  provenance: Record<string, unknown>;
}

test('load of 20k rows into embedded chroma with nothing running: exact count, provenance in `indexes --json`', async () => {
  assert.not.ok(existsSync(dataDir), 'no chroma data folder beforehand');
  const load = await spawnCli(['load', big, '--json'], { cwd });
  assert.is(load.code, 0, load.stderr);
  const r = parseJsonOut<{ index: string; count: number; rows: number; backend: string }>(load.stdout);
  assert.equal([r.index, r.count, r.rows, r.backend], ['docs-v1', ROWS, ROWS, 'chroma']);
  assert.not.ok(existsSync(join(dataDir, LOCK_FILE)), 'the load process stopped its embedded server and released the lock');

  const list = await runCli(['indexes', '--json'], { cwd });
  assert.is(list.code, 0, list.stderr);
  const out = parseJsonOut<{ live: string | null; indexes: IndexRow[] }>(list.stdout);
  assert.is(out.live, null);
  assert.is(out.indexes.length, 1);
  const v1 = out.indexes[0]!;
  assert.equal([v1.name, v1.count, v1.dimension, v1.metric, v1.live], ['docs-v1', ROWS, DIM, 'cosine', false]);
  const manifestHash = createHash('sha256').update(readFileSync(join(big, 'manifest.json'))).digest('hex');
  const { createdAt, ...rest } = v1.provenance;
  assert.ok(typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)), `createdAt ${String(createdAt)}`);
  assert.equal(rest, { model: 'test-model', dimension: DIM, metric: 'cosine', toolkitVersion: version(), sampleManifestHash: manifestHash, source: 'production', rows: ROWS });
});

test('promote then resolveIndex return the new version; rollback returns the previous one (file store and chroma registry)', async () => {
  const load = await runCli(['load', small, '--json'], { cwd });
  assert.is(load.code, 0, load.stderr);
  assert.is(parseJsonOut<{ index: string }>(load.stdout).index, 'docs-v2');

  for (const env of ['dev', 'reg']) {
    assert.match(await errorOf(resolveIndex(env, { cwd })), /has no live index yet/);
    for (const v of ['docs-v1', 'docs-v2']) {
      const p = await runCli(['promote', '--env', env, '--index', v, '--json'], { cwd });
      assert.is(p.code, 0, p.stderr);
      assert.is(parseJsonOut<{ to: string }>(p.stdout).to, v);
      assert.is(await resolveIndex(env, { cwd }), v, `${env} after promote ${v}`);
    }
    const rb = await runCli(['rollback', '--env', env, '--json'], { cwd });
    assert.is(rb.code, 0, rb.stderr);
    assert.equal(pick(parseJsonOut(rb.stdout), ['from', 'to']), { from: 'docs-v2', to: 'docs-v1' });
    assert.is(await resolveIndex(env, { cwd }), 'docs-v1', `${env} after rollback`);
    const list = parseJsonOut<{ live: string; indexes: IndexRow[] }>((await runCli(['indexes', '--env', env, '--json'], { cwd })).stdout);
    assert.is(list.live, 'docs-v1');
    assert.equal(list.indexes.map((i) => [i.name, i.live]), [['docs-v1', true], ['docs-v2', false]]);
  }
  // a second rollback has nothing to go back to
  const again = await runCli(['rollback', '--env', 'dev'], { cwd });
  assert.is(again.code, 1);
  assert.match(again.stderr, /nothing to roll back to/);
});

test('8 reader processes resolving the pointer during 20 promotes see no error (file store and chroma registry)', async () => {
  // an application process keeps the embedded server up (as a service using vecstage would); readers in other
  // processes connect to it through the server lock, promotes in this process share it
  const holder = await startEmbeddedServer({ dataDir });
  const stopFile = join(cwd, 'stop-readers');
  const worker = fileURLToPath(new URL('../lifecycle/resolve-worker.ts', import.meta.url));
  try {
    const readers = Array.from({ length: 8 }, () => {
      const child = fork(worker, [cwd, 'dev,reg', stopFile], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      let out = '';
      let err = '';
      const ready = new Promise<void>((resolve) => {
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('ready\n')) resolve();
        });
      });
      child.stderr!.on('data', (d) => (err += d));
      const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
      return { ready, exit, out: () => out, err: () => err };
    });
    await Promise.race([Promise.all(readers.map((r) => r.ready)), Promise.all(readers.map((r) => r.exit)).then(() => Promise.reject(new Error(`readers exited early: ${readers[0]!.err()}`)))]);
    const before = { dev: await resolveIndex('dev', { cwd }), reg: await resolveIndex('reg', { cwd }) };
    for (let i = 0; i < 20; i++) {
      const to = i % 2 === 0 ? 'docs-v2' : 'docs-v1';
      for (const env of ['dev', 'reg']) {
        const p = await runCli(['promote', '--env', env, '--index', to], { cwd });
        assert.is(p.code, 0, p.stderr);
      }
    }
    writeFileSync(stopFile, '');
    const codes = await Promise.all(readers.map((r) => r.exit));
    for (const [k, r] of readers.entries()) {
      assert.is(codes[k], 0, r.err());
      const stats = JSON.parse(r.out().split('\n').filter(Boolean).pop()!) as Record<string, { reads: number; errors: number; messages: string[]; seen: Record<string, number> }>;
      for (const env of ['dev', 'reg']) {
        const s = stats[env]!;
        assert.is(s.errors, 0, `reader ${k} on ${env}: ${s.messages.join(' | ')}`);
        assert.ok(s.reads > 0, `reader ${k} read ${env}`);
        for (const name of Object.keys(s.seen)) assert.ok(name === 'docs-v1' || name === 'docs-v2', `reader ${k} on ${env} saw ${name}`);
      }
    }
    // 20 promotes alternate from docs-v1 (live before) and end on docs-v1 again
    assert.equal(before, { dev: 'docs-v1', reg: 'docs-v1' });
    for (const env of ['dev', 'reg']) {
      assert.is(await resolveIndex(env, { cwd }), 'docs-v1');
      const list = parseJsonOut<{ live: string }>((await runCli(['indexes', '--env', env, '--json'], { cwd })).stdout);
      assert.is(list.live, 'docs-v1');
    }
  } finally {
    writeFileSync(stopFile, '');
    await holder.close();
  }
});

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected a rejection');
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

test.run();
