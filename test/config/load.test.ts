import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, resolveEnv } from '../../src/config/index.js';
import { VecstageError } from '../../src/errors.js';

const GOOD = {
  embedding: { model: 'text-embedding-3-small', dimension: 1536, metric: 'cosine' },
  environments: {
    dev: { backend: { kind: 'chroma', url: 'embedded' }, index: 'test-index' },
    staging: { backend: { kind: 'chroma', url: 'http://127.0.0.1:8000' }, index: 'staging', sample: { fraction: 0.15 } },
    prod: { backend: { kind: 'pinecone', apiKeyEnv: 'PINECONE_API_KEY' }, index: 'real-data', sealed: true },
  },
};

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-config-'));
  writeFileSync(join(dir, 'vecstage.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

async function loadError(config: unknown): Promise<VecstageError> {
  try {
    await loadConfig({ cwd: dirWith(config) });
  } catch (err) {
    assert.instance(err, VecstageError);
    return err as VecstageError;
  }
  throw new Error('expected an error');
}

test('the design card example resolves with defaults filled in', async () => {
  const c = await loadConfig({ cwd: dirWith(GOOD) });
  assert.equal(c.embedding, { model: 'text-embedding-3-small', dimension: 1536, metric: 'cosine' });
  assert.is(c.environments.prod?.sealed, true);
  assert.is(c.environments.dev?.sealed, false);
  assert.equal(c.environments.prod?.backend, { kind: 'pinecone', apiKeyEnv: 'PINECONE_API_KEY', cloud: 'aws', region: 'us-east-1' });
  assert.equal(c.environments.dev?.pointer, { store: 'file', path: '.vecstage/pointers/dev.json' });
  assert.is(c.environments.staging?.sample.fraction, 0.15);
  assert.equal(c.sampling, { fractionMin: 0.1, fractionMax: 0.2, minPerStratum: 5 });
  assert.match(c.hash, /^[0-9a-f]{64}$/);
});

test('the config is found in an ancestor folder', async () => {
  const dir = dirWith(GOOD);
  const sub = join(dir, 'a', 'b');
  mkdirSync(sub, { recursive: true });
  const c = await loadConfig({ cwd: sub });
  assert.is(c.dir, dir);
});

test('no config file gives the built-in dev env on embedded Chroma', async () => {
  const c = await loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'vecstage-none-')) });
  assert.is(c.path, undefined);
  assert.is(c.environments.dev?.backend.kind, 'chroma');
  assert.is(c.embedding.dimension, 0);
});

test('unknown keys are errors naming the key path and the allowed keys', async () => {
  const e = await loadError({ ...GOOD, environments: { dev: { backend: { kind: 'chroma' }, index: 'x1', seald: true } } });
  assert.is(e.code, 'INPUT');
  assert.match(e.message, 'unknown key environments.dev.seald (vecstage.config.json); allowed: backend, index, sealed, sample, pointer');
});

test('a secret in the config is refused with a hint to use an env var name', async () => {
  const e = await loadError({ environments: { prod: { backend: { kind: 'pinecone', apiKey: 'pk-123' }, index: 'p1' } } });
  assert.match(e.message, 'unknown key environments.prod.backend.apiKey');
  assert.match(e.message, 'apiKeyEnv');
  assert.not.match(e.message, 'pk-123');
});

test('wrong types and values name the key and what is allowed', async () => {
  let e = await loadError({ ...GOOD, embedding: { dimension: '1536' } });
  assert.match(e.message, 'invalid embedding.dimension: "1536" (vecstage.config.json); allowed: an integer >= 1 <= 65536');
  e = await loadError({ ...GOOD, embedding: { metric: 'dot' } });
  assert.match(e.message, 'invalid embedding.metric: "dot" (vecstage.config.json); allowed: cosine, ip, l2');
  e = await loadError({ environments: { dev: { backend: { kind: 'pinecon' }, index: 'x1' } } });
  assert.match(e.message, 'invalid environments.dev.backend.kind: "pinecon"');
  e = await loadError({ environments: { dev: { backend: { kind: 'chroma' }, index: 'Bad_Name' } } });
  assert.match(e.message, 'invalid environments.dev.index: "Bad_Name"');
  e = await loadError({ environments: { dev: { backend: { kind: 'chroma' }, index: 'ok', sealed: 'yes' } } });
  assert.match(e.message, 'invalid environments.dev.sealed: "yes" (vecstage.config.json); allowed: true or false');
  e = await loadError({ environments: { dev: { backend: { kind: 'memory' }, index: 'ok', pointer: { store: 'chroma-registry' } } } });
  assert.match(e.message, 'allowed only with backend kind chroma');
});

test('invalid JSON names line and column', async () => {
  const e = await loadError('{\n  "environments": {\n    "dev": { "backend": { "kind": "chroma" }, }\n  }\n}');
  assert.match(e.message, /invalid JSON in vecstage\.config\.json:3:\d+/);
});

test('sampling bounds can be widened, and are checked', async () => {
  const c = await loadConfig({ cwd: dirWith({ ...GOOD, sampling: { fractionBounds: [0.05, 0.5], minPerStratum: 2 } }) });
  assert.equal(c.sampling, { fractionMin: 0.05, fractionMax: 0.5, minPerStratum: 2 });
  const e = await loadError({ ...GOOD, sampling: { fractionBounds: [0.3, 0.2] } });
  assert.match(e.message, 'invalid sampling.fractionBounds[1]: 0.2');
});

test('--env overrides APP_ENV, which overrides dev; unknown env lists the allowed ones', async () => {
  const c = await loadConfig({ cwd: dirWith(GOOD) });
  assert.is(resolveEnv(c, undefined, {}).env.name, 'dev');
  assert.is(resolveEnv(c, undefined, { APP_ENV: 'staging' }).env.name, 'staging');
  assert.is(resolveEnv(c, 'prod', { APP_ENV: 'staging' }).env.name, 'prod');
  try {
    resolveEnv(c, 'qa', {});
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, 'unknown environment: "qa" (--env');
    assert.match((err as Error).message, 'allowed: dev, staging, prod');
  }
});

test('a missing --config file is an input error', async () => {
  try {
    await loadConfig({ cwd: tmpdir(), configPath: 'nope/vecstage.config.json' });
    assert.unreachable();
  } catch (err) {
    assert.is((err as VecstageError).code, 'INPUT');
    assert.match((err as Error).message, 'config file not found: nope/vecstage.config.json');
  }
});

test('the JSON Schema accepts the same top-level and environment keys as the loader', () => {
  const schema = JSON.parse(readFileSync(new URL('../../src/config/vecstage.config.schema.json', import.meta.url), 'utf8'));
  assert.equal(Object.keys(schema.properties).sort(), ['$schema', 'embedding', 'environments', 'pipelines', 'sampling']);
  assert.equal(Object.keys(schema.$defs.environment.properties).sort(), ['backend', 'index', 'pointer', 'sample', 'sealed']);
  assert.equal(Object.keys(schema.$defs.pineconeBackend.properties).sort(), ['apiKeyEnv', 'cloud', 'controllerHostUrl', 'host', 'kind', 'namespace', 'region']);
});

test.run();
