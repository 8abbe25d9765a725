import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from '../../../src/config/validate.js';
import { VecstageError } from '../../../src/errors.js';
import { embedderIdentity, resolveEmbedder } from '../../../src/pipeline/embed/index.js';
import type { EmbedderConfig } from '../../../src/pipeline/types.js';

const r = new Reader('vecstage.config.json');
const P = 'pipelines.sw.embedder';
const resolve = (raw: unknown, dir = tmpdir()): EmbedderConfig => resolveEmbedder(r, P, raw, dir);

function errorOf(raw: unknown, dir?: string): VecstageError {
  try {
    resolve(raw, dir);
  } catch (err) {
    assert.instance(err, VecstageError);
    return err as VecstageError;
  }
  throw new Error('expected an error');
}

test('hashing: defaults filled in', () => {
  assert.equal(resolve({ kind: 'hashing' }), { kind: 'hashing', model: 'hashing-256', dimension: 256, ngrams: [1, 2], seed: 'vecstage', sublinearTf: true });
  const c = resolve({ kind: 'hashing', dimension: 64, ngrams: [1, 3], seed: 's', sublinearTf: false, model: 'lex' });
  assert.equal(c, { kind: 'hashing', model: 'lex', dimension: 64, ngrams: [1, 3], seed: 's', sublinearTf: false });
});

test('openai-compatible: defaults filled in', () => {
  const c = resolve({ kind: 'openai-compatible', url: 'https://api.openai.com/v1', model: 'text-embedding-3-small', apiKeyEnv: 'OPENAI_API_KEY' });
  assert.equal(c, {
    kind: 'openai-compatible',
    url: 'https://api.openai.com/v1',
    model: 'text-embedding-3-small',
    dimension: undefined,
    sendDimensions: false,
    apiKeyEnv: 'OPENAI_API_KEY',
    authHeader: 'bearer',
    batch: 128,
    concurrency: 4,
    timeoutMs: 60000,
    maxRetries: 6,
    encodingFormat: 'float',
  });
});

test('unknown keys are errors that list the allowed keys', () => {
  const e = errorOf({ kind: 'hashing', dimensions: 64 });
  assert.match(e.message, `unknown key ${P}.dimensions (vecstage.config.json); allowed: kind, model, dimension, ngrams, seed, sublinearTf`);
  assert.is(e.code, 'INPUT');
});

test('an apiKey key gets the secrets hint and its value is never echoed', () => {
  const e = errorOf({ kind: 'openai-compatible', url: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'sk-secret-value-123' });
  assert.match(e.message, `unknown key ${P}.apiKey`);
  assert.match(e.message, 'secrets never go in the config');
  assert.not.match(e.message, 'sk-secret-value-123');
});

test('apiKeyEnv must be a variable NAME; a pasted key is not echoed', () => {
  const e = errorOf({ kind: 'openai-compatible', url: 'http://127.0.0.1:1/v1', model: 'm', apiKeyEnv: 'sk-proj-abcdef0123456789' });
  assert.match(e.message, `invalid ${P}.apiKeyEnv`);
  assert.match(e.message, 'the NAME of an environment variable');
  assert.not.match(e.message, 'abcdef0123456789');
});

test('url must be http(s), without credentials', () => {
  assert.match(errorOf({ kind: 'openai-compatible', url: 'ftp://x/v1', model: 'm' }).message, `invalid ${P}.url: "ftp://..."`);
  assert.match(errorOf({ kind: 'openai-compatible', url: 'not a url', model: 'm' }).message, 'allowed: an http(s) URL');
  const e = errorOf({ kind: 'openai-compatible', url: 'https://user:hunter2@example.com/v1', model: 'm' });
  assert.match(e.message, 'a URL with credentials');
  assert.not.match(e.message, 'hunter2');
});

test('numbers are range-checked: batch at most 2048, sendDimensions needs a dimension', () => {
  const base = { kind: 'openai-compatible', url: 'http://127.0.0.1:1/v1', model: 'm' };
  assert.match(errorOf({ ...base, batch: 4096 }).message, `invalid ${P}.batch: 4096 (vecstage.config.json); allowed: an integer >= 1 <= 2048`);
  assert.match(errorOf({ ...base, concurrency: 0 }).message, `invalid ${P}.concurrency: 0`);
  assert.match(errorOf({ ...base, sendDimensions: true }).message, 'sendDimensions is true but');
  assert.match(errorOf({ ...base, authHeader: 'basic' }).message, 'allowed: bearer, api-key');
  assert.match(errorOf({ kind: 'hashing', ngrams: [2, 1] }).message, `invalid ${P}.ngrams: [2,1]`);
  assert.match(errorOf({ kind: 'hashing', dimension: 1 }).message, `invalid ${P}.dimension: 1`);
  assert.match(errorOf({ kind: 'openai-compatible', url: 'http://127.0.0.1:1/v1' }).message, `invalid ${P}.model: undefined`);
});

test('kind must be one of the three', () => {
  assert.match(errorOf({ kind: 'sentence-transformers' }).message, `invalid ${P}.kind: "sentence-transformers" (vecstage.config.json); allowed: hashing, openai-compatible, module`);
  assert.match(errorOf({}).message, `invalid ${P}.kind: undefined`);
  assert.match(errorOf(null).message, `invalid ${P}: null`);
});

test('module: path relative to the config folder, sourceHash of the file, missing file is an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-embed-config-'));
  mkdirSync(join(dir, 'embedders'));
  const src = 'export default (texts) => texts.map(() => [1, 0]);\n';
  writeFileSync(join(dir, 'embedders', 'mine.js'), src);
  const c = resolve({ module: './embedders/mine.js', model: 'mine-v1', dimension: 2, batch: 8 }, dir);
  assert.equal(c, {
    kind: 'module',
    module: './embedders/mine.js',
    path: join(dir, 'embedders', 'mine.js'),
    sourceHash: createHash('sha256').update(src).digest('hex'),
    model: 'mine-v1',
    dimension: 2,
    batch: 8,
    options: {},
  });
  assert.match(errorOf({ module: './embedders/nope.js', model: 'x' }, dir).message, `invalid ${P}.module: "./embedders/nope.js" (vecstage.config.json): cannot read it (ENOENT)`);
  assert.match(errorOf({ kind: 'module', module: './embedders/mine.js' }, dir).message, `invalid ${P}.model`);
});

test('identity: changes with what changes vectors, not with the key, batch or concurrency', () => {
  const base = resolve({ kind: 'openai-compatible', url: 'http://127.0.0.1:9/v1', model: 'm', apiKeyEnv: 'A' });
  const id = embedderIdentity(base);
  assert.match(id, /^[0-9a-f]{64}$/);
  const same = [
    { ...base, apiKeyEnv: 'B' },
    { ...base, batch: 7, concurrency: 1, timeoutMs: 5, maxRetries: 0, encodingFormat: 'base64' as const },
    { ...base, url: 'http://127.0.0.1:9/v1/embeddings' },
    { ...base, url: 'http://127.0.0.1:9/v1/' },
  ];
  for (const c of same) assert.is(embedderIdentity(c), id, JSON.stringify(c));
  const different = [{ ...base, model: 'm2' }, { ...base, url: 'http://127.0.0.2:9/v1' }, { ...base, dimension: 8 }, { ...base, url: 'http://127.0.0.1:9/v2' }];
  for (const c of different) assert.is.not(embedderIdentity(c), id, JSON.stringify(c));
  const h = resolve({ kind: 'hashing' }) as Extract<EmbedderConfig, { kind: 'hashing' }>;
  assert.is.not(embedderIdentity({ ...h, seed: 'other' }), embedderIdentity(h));
  assert.is.not(embedderIdentity({ ...h, ngrams: [1, 1] }), embedderIdentity(h));
});

test.run();
