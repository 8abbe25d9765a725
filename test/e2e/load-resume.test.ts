/**
 * Issue 3: the embedded Chroma server dies in the middle of a load (SIGKILL, as the OOM killer would). The load
 * ends with exit 4 and says to use --resume; the same command with --resume finishes with the exact count, and
 * the index holds every id of the sample exactly once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, spawnCli, type CliRun } from '../helpers/cli.js';
import { makeSample, parseJsonOut, tempProject } from '../load/project.js';
import { LOCK_FILE, readLock } from '../../src/backends/chroma/server-lock.js';
import { loadConfig, resolveEnv } from '../../src/config/index.js';
import { openBackend } from '../../src/backends/open.js';
import { readSample } from '../../src/arrow/index.js';

const ROWS = 6000;
const DIM = 32;
const project = tempProject(
  { embedding: { model: 'test-model', dimension: DIM, metric: 'cosine' }, environments: { dev: { backend: { kind: 'chroma', url: 'embedded' }, index: 'docs' } } },
  'vecstage-e2e-resume-',
);
const cwd = project.dir;
const dataDir = join(cwd, '.vecstage', 'chroma');
const checkpoints = join(cwd, '.vecstage', 'checkpoints', 'dev');
let sample = '';

test.before(async () => {
  sample = await makeSample(cwd, 's', { rows: ROWS, dim: DIM, seed: 5 });
});
// KEEP_E2E=1 keeps the project folder (chroma data and log) for a look after a failure
test.after(() => {
  if (process.env.KEEP_E2E) process.stderr.write(`kept ${cwd}\n`);
  else project.remove();
});

// small batches, one in flight: the load takes long enough to be interrupted in the middle
const LOAD = ['load', 's', '--batch', '200', '--concurrency', '1', '--json'];

test('chroma killed mid-load: exit 4 with a --resume hint; --resume completes with every id exactly once', async () => {
  const run = startCli(LOAD);
  // the server pid is in the lock file once the server is ready; kill it after a few batches are checkpointed
  const serverPid = await waitFor(() => {
    const rec = readLock(join(dataDir, LOCK_FILE));
    return typeof rec === 'object' && rec.state === 'ready' ? rec.serverPid : undefined;
  }, 'the embedded server to be ready');
  const doneAtKill = await waitFor(() => {
    const f = existsSync(checkpoints) ? readdirSync(checkpoints).find((n) => n.endsWith('.json')) : undefined;
    if (!f) return undefined;
    try {
      const done = (JSON.parse(readFileSync(join(checkpoints, f), 'utf8')) as { done: number[] }).done.length;
      return done >= 3 ? done : undefined;
    } catch {
      return undefined; // between write and rename
    }
  }, 'a checkpoint with 3 batches done');
  process.kill(serverPid, 'SIGKILL');
  const first = await run.done;
  assert.is(first.code, 4, `exit code; stderr: ${first.stderr}`);
  assert.match(first.stderr, /load of "docs-v1" stopped after \d+\/30 batches/);
  assert.match(first.stderr, /run the same command with --resume to continue/);
  const err = parseJsonOut<{ ok: boolean; error: { code: string; details: { batchesDone: number; totalBatches: number } } }>(first.stdout);
  assert.is(err.ok, false);
  assert.is(err.error.code, 'BACKEND_UNAVAILABLE');
  assert.ok(err.error.details.batchesDone >= doneAtKill && err.error.details.batchesDone < 30, `batches done ${err.error.details.batchesDone}`);

  const second = await spawnCli([...LOAD, '--resume'], { cwd });
  assert.is(second.code, 0, second.stderr);
  const r = parseJsonOut<{ index: string; count: number; resumed: boolean; skippedBatches: number; batchSize: number }>(second.stdout);
  assert.equal([r.index, r.count, r.resumed, r.batchSize], ['docs-v1', ROWS, true, 200]);
  assert.ok(r.skippedBatches >= doneAtKill, `skipped ${r.skippedBatches} batches`);
  assert.equal(readdirSync(checkpoints), [], 'the checkpoint is removed after a verified load');

  // every id of the sample, each exactly once, with its vector
  const expected = (await readSample(sample)).rows;
  const target = resolveEnv(await loadConfig({ cwd, env: {} }), 'dev', {});
  const backend = await openBackend(target, { processEnv: {} });
  try {
    const index = await backend.openIndex('docs-v1');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await index.listIds({ limit: 1000, ...(cursor ? { cursor } : {}) });
      ids.push(...page.ids);
      cursor = page.cursor;
    } while (cursor);
    assert.is(ids.length, ROWS, 'ids listed');
    assert.is(new Set(ids).size, ROWS, 'no duplicate id');
    assert.equal([...ids].sort(), expected.map((row) => row.id).sort(), 'the same ids as the sample');
    const probe = [expected[0]!, expected[ROWS >> 1]!, expected[ROWS - 1]!];
    const fetched = await index.fetch(probe.map((p) => p.id));
    assert.equal(fetched.map((f) => f.id), probe.map((p) => p.id), `fetched ${JSON.stringify(fetched.map((f) => [f.id, f.values.length]))}`);
    // Chroma's JSON round trip can move a float32 by one ulp (seen on about a quarter of rows), so compare within 1e-6
    for (const [k, f] of fetched.entries()) {
      const want = probe[k]!.embedding;
      assert.ok(f.values.length === want.length && f.values.every((v, j) => Math.abs(v - want[j]!) <= 1e-6), `vector of ${f.id}`);
    }
  } finally {
    await backend.close();
  }
});

/** bin/vecstage.js as a child, like spawnCli, but started now and awaited later. */
function startCli(argv: string[]): { done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))) };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test.run();
