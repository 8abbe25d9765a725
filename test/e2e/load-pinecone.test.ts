/**
 * Issue 3 against the Pinecone stand-in (test/helpers/pinecone-standin) through the official SDK: a 20k-row load
 * with a 429 storm, random 429s and 503s injected finishes with the exact count, and every retry shows in the
 * `--json` result. The API key never appears in any output or file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { runCli } from '../helpers/cli.js';
import { startPineconeStandin, type PineconeStandin } from '../helpers/pinecone-standin/index.js';
import { filesContaining, makeSample, parseJsonOut, tempProject } from '../load/project.js';
import { readSample } from '../../src/arrow/index.js';

const ROWS = 20_000;
const DIM = 32;
const KEY_ENV = 'VECSTAGE_E2E_PINECONE_KEY';
// a fresh value per run, so finding it anywhere can only mean vecstage wrote it
const KEY = `pcsk_e2e_${randomBytes(12).toString('hex')}`;

let standin: PineconeStandin;
const project = tempProject({ environments: {} }, 'vecstage-e2e-pinecone-');
const cwd = project.dir;
let sample = '';
let zeros = '';

test.before(async () => {
  standin = await startPineconeStandin({ apiKey: KEY });
  project.writeConfig({
    embedding: { model: 'test-model', dimension: DIM, metric: 'cosine' },
    environments: { staging: { backend: { kind: 'pinecone', apiKeyEnv: KEY_ENV, controllerHostUrl: standin.url }, index: 'docs' } },
  });
  // pinecone rejects all-zero vectors in a cosine index: this sample has no injected edge cases (zeros included);
  // `zeros` has them, and the loader refuses it before any write
  sample = await makeSample(cwd, 's', { rows: ROWS, dim: DIM, seed: 3, edgeRate: 0 });
  zeros = await makeSample(cwd, 'zeros', { rows: 2000, dim: DIM, seed: 4 });
});

test.after(async () => {
  await standin.close();
  project.remove();
});

test('20k rows through the SDK with a 429 storm, random 429s and 503s: exact count, retries in --json', async () => {
  // the first 6 data-plane requests are rate limited, then 10% 429 and 15% 503 (seeded); the SDK itself does not
  // retry (sdkMaxRetries 0), so every injected fault is one retry of the loader
  standin.knobs.set({ seed: 11, storm429: 6, rate429: 0.1, rate5xx: 0.15, status5xx: 503 });
  standin.resetCounters();
  const run = await runCli(['load', sample, '--env', 'staging', '--json'], { cwd, env: { [KEY_ENV]: KEY } });
  standin.knobs.set({});
  assert.is(run.code, 0, run.stderr);
  const r = parseJsonOut<{ index: string; count: number; rows: number; backend: string; batchSize: number; retries: number; retriesByReason: Record<string, number> }>(run.stdout);
  assert.equal([r.index, r.count, r.rows, r.backend, r.batchSize], ['docs-v1', ROWS, ROWS, 'pinecone', 1000]);

  const injected = standin.counters.injected;
  assert.ok((injected['429'] ?? 0) >= 6 && (injected['5xx'] ?? 0) > 0, `injected ${JSON.stringify(injected)}`);
  assert.equal(r.retriesByReason, { 'http 429': injected['429'], 'http 503': injected['5xx'] });
  assert.is(r.retries, injected['429']! + injected['5xx']!);

  // the stand-in holds exactly the sample's ids
  const stored = standin.indexes.get('docs-v1')?.namespaces.get('__default__');
  assert.ok(stored, 'index docs-v1 with a default namespace');
  assert.is(stored!.size, ROWS);
  const ids = (await readSample(sample)).rows.map((row) => row.id);
  assert.ok(ids.every((id) => stored!.has(id)), 'every sample id stored');

  const list = await runCli(['indexes', '--env', 'staging', '--json'], { cwd, env: { [KEY_ENV]: KEY } });
  assert.is(list.code, 0, list.stderr);
  const v1 = parseJsonOut<{ indexes: { name: string; count: number; provenance: Record<string, unknown> }[] }>(list.stdout).indexes[0]!;
  assert.equal([v1.name, v1.count, v1.provenance.rows, v1.provenance.model, v1.provenance.source], ['docs-v1', ROWS, ROWS, 'test-model', 'production']);

  for (const out of [run.stdout, run.stderr, list.stdout, list.stderr]) assert.not.ok(out.includes(KEY), 'API key in CLI output');
  assert.equal(filesContaining(cwd, KEY), [], 'API key in a project file');
});

test('a backend that keeps failing: the load stops within the retry budget, exit 4, and says to --resume', async () => {
  // a second stand-in holding no index yet: the load lists nothing (no data-plane call), creates its index on the
  // control plane (not faulted), then every upsert answers 503
  const flaky = await startPineconeStandin({ apiKey: KEY, knobs: { rate5xx: 1, status5xx: 503 } });
  project.writeConfig({
    embedding: { model: 'test-model', dimension: DIM, metric: 'cosine' },
    environments: {
      staging: { backend: { kind: 'pinecone', apiKeyEnv: KEY_ENV, controllerHostUrl: standin.url }, index: 'docs' },
      flaky: { backend: { kind: 'pinecone', apiKeyEnv: KEY_ENV, controllerHostUrl: flaky.url }, index: 'docs' },
    },
  });
  try {
    const run = await runCli(['load', sample, '--env', 'flaky', '--json'], { cwd, env: { [KEY_ENV]: KEY } });
    flaky.knobs.set({});
    assert.is(run.code, 4, run.stderr);
    assert.match(run.stderr, /load of "docs-v1" stopped after 0\/20 batches: pinecone upsert on index "docs-v1" failed: HTTP 503/);
    assert.match(run.stderr, /7 attempts failed\); run the same command with --resume to continue/);
    const err = parseJsonOut<{ error: { code: string; details: { retries: number } } }>(run.stdout).error;
    assert.is(err.code, 'BACKEND_UNAVAILABLE');
    // 4 batches in flight, each tried 7 times before the first failure stops the load
    assert.ok(err.details.retries >= 6 && err.details.retries <= 4 * 6, `retries ${err.details.retries}`);
    assert.not.ok(run.stdout.includes(KEY) || run.stderr.includes(KEY), 'API key in CLI output');

    assert.is(flaky.counters.injected['5xx'], flaky.counters.requests.upsert, 'every upsert failed');

    const resumed = await runCli(['load', sample, '--env', 'flaky', '--resume', '--json'], { cwd, env: { [KEY_ENV]: KEY } });
    assert.is(resumed.code, 0, resumed.stderr);
    const r = parseJsonOut<{ index: string; count: number; resumed: boolean; retries: number }>(resumed.stdout);
    assert.equal([r.index, r.count, r.resumed, r.retries], ['docs-v1', ROWS, true, 0]);
  } finally {
    await flaky.close();
  }
});

test('a sample with zero vectors into a pinecone cosine index: refused before any write (exit 2), names the count', async () => {
  standin.resetCounters();
  const run = await runCli(['load', zeros, '--env', 'staging'], { cwd, env: { [KEY_ENV]: KEY } });
  assert.is(run.code, 2, run.stderr);
  assert.match(run.stderr, /the sample zeros holds \d+ zero vectors \(edge tag zero_vector\) and pinecone rejects zero vectors in a cosine index/);
  assert.is(standin.counters.requests.create_index, undefined, 'no index created');
  assert.is(standin.counters.requests.upsert, undefined, 'nothing upserted');
});

test.run();
