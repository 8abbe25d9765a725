/**
 * Issue 3 safety rules, each refused before any write (the Pinecone stand-in's request counters show no
 * create_index, upsert or delete_index), with exit 3 and a message naming both sides; and the API key never in any
 * output or file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnCli, type CliRun } from '../helpers/cli.js';
import { startPineconeStandin, type PineconeStandin } from '../helpers/pinecone-standin/index.js';
import { filesContaining, makeSample, tempProject } from '../load/project.js';

const DIM = 1536;
const KEY_ENV = 'VECSTAGE_E2E_PINECONE_KEY';
const KEY = `pcsk_e2e_${randomBytes(12).toString('hex')}`;
const outputs: CliRun[] = [];

let standin: PineconeStandin;
const project = tempProject({ environments: {} }, 'vecstage-e2e-refusals-');
const cwd = project.dir;
// samples made outside the project (no config there), so a 768-dim one can exist at all
const elsewhere = mkdtempSync(join(tmpdir(), 'vecstage-e2e-samples-'));
let prod = '';
let synthetic = '';
let narrow = '';

delete process.env.VECSTAGE_ALLOW_SEALED;

test.before(async () => {
  standin = await startPineconeStandin({ apiKey: KEY });
  const backend = { kind: 'pinecone', apiKeyEnv: KEY_ENV, controllerHostUrl: standin.url };
  project.writeConfig({
    embedding: { model: 'text-embedding-3-small', dimension: DIM, metric: 'cosine' },
    environments: { staging: { backend, index: 'docs' }, prod: { backend, index: 'real-data', sealed: true } },
  });
  // no injected edge cases: pinecone refuses zero vectors in a cosine index (see load-pinecone.test.ts)
  prod = await makeSample(elsewhere, 'prod', { rows: 40, dim: DIM, seed: 1, edgeRate: 0 });
  synthetic = await makeSample(elsewhere, 'synthetic', { rows: 40, dim: DIM, seed: 2, edgeRate: 0, origin: 'synthetic' });
  narrow = await makeSample(elsewhere, 'narrow', { rows: 40, dim: 768, seed: 3, edgeRate: 0 });
});

test.after(async () => {
  await standin.close();
  project.remove();
  rmSync(elsewhere, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const r = await runCli(argv, { cwd, env: { [KEY_ENV]: KEY, ...env } });
  outputs.push(r);
  return r;
}

/** Runs fn with fresh counters and asserts that it wrote nothing to the stand-in. */
async function noWrites(fn: () => Promise<void>): Promise<void> {
  standin.resetCounters();
  const before = [...standin.indexes.keys()].sort();
  await fn();
  const req = standin.counters.requests;
  assert.equal([req.create_index, req.upsert, req.delete_index, req.delete], [undefined, undefined, undefined, undefined], `requests ${JSON.stringify(req)}`);
  assert.equal([...standin.indexes.keys()].sort(), before, 'indexes unchanged');
}

test('a 768-dim sample into a 1536-dim env: exit 3 naming both sides, nothing written', async () => {
  await noWrites(async () => {
    const r = await cli(['load', narrow, '--env', 'staging']);
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, /refused: embedding contract mismatch: the sample \S*narrow has dimension 768 vs 1536 required by environment "staging"/);
  });
});

test('sealed env: refused without both --allow-sealed and VECSTAGE_ALLOW_SEALED=1 (exit 3), allowed with both', async () => {
  await noWrites(async () => {
    // as a user runs it: the process exit code
    const none = await spawnCli(['load', prod, '--env', 'prod'], { cwd, env: { [KEY_ENV]: KEY } });
    outputs.push(none);
    assert.is(none.code, 3, none.stderr);
    assert.match(none.stderr, /refused: load on sealed environment "prod"; a sealed env needs both --allow-sealed and VECSTAGE_ALLOW_SEALED=1 \(missing: --allow-sealed and VECSTAGE_ALLOW_SEALED=1\)/);
    const flagOnly = await cli(['load', prod, '--env', 'prod', '--allow-sealed']);
    assert.is(flagOnly.code, 3, flagOnly.stderr);
    assert.match(flagOnly.stderr, /\(missing: VECSTAGE_ALLOW_SEALED=1\)/);
    const envOnly = await cli(['load', prod, '--env', 'prod'], { VECSTAGE_ALLOW_SEALED: '1' });
    assert.is(envOnly.code, 3, envOnly.stderr);
    assert.match(envOnly.stderr, /\(missing: --allow-sealed\)/);
    const wrongValue = await cli(['load', prod, '--env', 'prod', '--allow-sealed'], { VECSTAGE_ALLOW_SEALED: 'true' });
    assert.is(wrongValue.code, 3, 'only VECSTAGE_ALLOW_SEALED=1 opts in');
  });
  const both = await cli(['load', prod, '--env', 'prod', '--allow-sealed', '--json'], { VECSTAGE_ALLOW_SEALED: '1' });
  assert.is(both.code, 0, both.stderr);
  assert.is(JSON.parse(both.stdout).index, 'real-data-v1');
  assert.is(standin.indexes.get('real-data-v1')?.namespaces.get('__default__')?.size, 40);
});

test('synthetic rows into a sealed env even with the double opt-in: exit 3, nothing written', async () => {
  await noWrites(async () => {
    const r = await cli(['load', synthetic, '--env', 'prod', '--allow-sealed'], { VECSTAGE_ALLOW_SEALED: '1' });
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, /refused: the sample at \S*synthetic holds synthetic rows and environment "prod" is sealed; only samples of production data may be loaded there/);
  });
});

test('writing to the live index: exit 3 naming the index and the env, nothing written', async () => {
  const p = await cli(['promote', '--env', 'prod', '--index', 'real-data-v1']);
  assert.is(p.code, 0, p.stderr);
  await noWrites(async () => {
    const r = await cli(['load', prod, '--env', 'prod', '--index', 'real-data-v1', '--allow-sealed'], { VECSTAGE_ALLOW_SEALED: '1' });
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, /refused: load on "real-data-v1", the live index of environment "prod" \(its pointer targets it\)/);
  });
});

test('a duplicate index name: exit 3 naming the existing index, nothing written', async () => {
  const first = await cli(['load', prod, '--env', 'staging', '--json']);
  assert.is(first.code, 0, first.stderr);
  assert.is(JSON.parse(first.stdout).index, 'docs-v1');
  await noWrites(async () => {
    const r = await cli(['load', prod, '--env', 'staging', '--index', 'docs-v1']);
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, /refused: index "docs-v1" already exists in environment "staging" \(40 records, loaded \S+\); choose another --index, or drop it first/);
  });
});

test('drop of the live index: exit 3 (sealed with the opt-in, and unsealed); drop on a sealed env without it: exit 3', async () => {
  const p = await cli(['promote', '--env', 'staging', '--index', 'docs-v1']);
  assert.is(p.code, 0, p.stderr);
  await noWrites(async () => {
    const sealedLive = await cli(['drop', 'real-data-v1', '--env', 'prod', '--allow-sealed'], { VECSTAGE_ALLOW_SEALED: '1' });
    assert.is(sealedLive.code, 3, sealedLive.stderr);
    assert.match(sealedLive.stderr, /refused: drop on "real-data-v1", the live index of environment "prod"/);
    const live = await cli(['drop', 'docs-v1', '--env', 'staging']);
    assert.is(live.code, 3, live.stderr);
    assert.match(live.stderr, /refused: drop on "docs-v1", the live index of environment "staging"/);
    const sealed = await cli(['drop', 'real-data-v1', '--env', 'prod']);
    assert.is(sealed.code, 3, sealed.stderr);
    assert.match(sealed.stderr, /refused: drop on sealed environment "prod"/);
  });
});

test('a rejected API key: exit 4 naming the env var, never the value', async () => {
  const wrong = `pcsk_wrong_${randomBytes(8).toString('hex')}`;
  const r = await runCli(['indexes', '--env', 'staging'], { cwd, env: { [KEY_ENV]: wrong } });
  assert.is(r.code, 4, r.stderr);
  assert.match(r.stderr, new RegExp(`\\$${KEY_ENV} was rejected`));
  assert.not.ok(r.stdout.includes(wrong) || r.stderr.includes(wrong), 'the wrong key in the output');
});

test('the API key never appears in any output or file', () => {
  assert.ok(outputs.length >= 15, `${outputs.length} runs checked`);
  for (const r of outputs) assert.not.ok(r.stdout.includes(KEY) || r.stderr.includes(KEY), 'API key in CLI output');
  assert.equal(filesContaining(cwd, KEY), [], 'API key in a project file');
  assert.equal(filesContaining(elsewhere, KEY), [], 'API key in a sample file');
});

test.run();
