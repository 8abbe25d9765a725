import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from '../../../src/config/validate.js';
import { VecstageError } from '../../../src/errors.js';
import { DEFAULT_SEPARATORS, resolveChunker } from '../../../src/pipeline/chunk/index.js';

const PATH = 'pipelines.sw.chunker';
const r = new Reader('vecstage.config.json');
const dir = mkdtempSync(join(tmpdir(), 'vecstage-chunk-config-'));
const resolve = (raw: unknown) => resolveChunker(r, PATH, raw, dir);

function errorOf(raw: unknown): VecstageError {
  try {
    resolve(raw);
  } catch (err) {
    assert.instance(err, VecstageError);
    assert.is((err as VecstageError).code, 'INPUT');
    return err as VecstageError;
  }
  throw new Error(`expected an error for ${JSON.stringify(raw)}`);
}

test('built-in kinds resolve with the documented defaults', () => {
  assert.equal(resolve({ kind: 'fixed', size: 1000 }), { kind: 'fixed', size: 1000, unit: 'chars' });
  assert.equal(resolve({ kind: 'sliding-window', size: 512, overlap: 64, unit: 'chars' }), { kind: 'sliding-window', size: 512, overlap: 64, unit: 'chars' });
  assert.equal(resolve({ kind: 'sentence', size: 200, unit: 'words' }), { kind: 'sentence', size: 200, overlap: 0, unit: 'words' });
  assert.equal(resolve({ kind: 'recursive', size: 400, overlap: 40 }), { kind: 'recursive', size: 400, overlap: 40, unit: 'chars', separators: [...DEFAULT_SEPARATORS] });
  assert.equal(resolve({ kind: 'recursive', size: 10, separators: ['\n\n', ''] }), { kind: 'recursive', size: 10, overlap: 0, unit: 'chars', separators: ['\n\n', ''] });
});

test('the tokens unit gets an encoding, cl100k_base by default', () => {
  assert.equal(resolve({ kind: 'fixed', size: 256, unit: 'tokens' }), { kind: 'fixed', size: 256, unit: 'tokens', encoding: 'cl100k_base' });
  assert.equal(resolve({ kind: 'sliding-window', size: 256, overlap: 32, unit: 'tokens', encoding: 'o200k_base' }), {
    kind: 'sliding-window', size: 256, overlap: 32, unit: 'tokens', encoding: 'o200k_base',
  });
  assert.is(errorOf({ kind: 'fixed', size: 256, encoding: 'cl100k_base' }).message,
    'invalid pipelines.sw.chunker.encoding: "cl100k_base" (vecstage.config.json); allowed: no encoding unless pipelines.sw.chunker.unit is "tokens"');
  assert.is(errorOf({ kind: 'fixed', size: 256, unit: 'tokens', encoding: 'gpt2' }).message,
    'invalid pipelines.sw.chunker.encoding: "gpt2" (vecstage.config.json); allowed: cl100k_base, o200k_base, p50k_base, r50k_base');
});

test('an unknown key names its path and the allowed keys of the kind', () => {
  assert.is(errorOf({ kind: 'sliding-window', size: 512, overlap: 64, ovelrap: 1 }).message,
    'unknown key pipelines.sw.chunker.ovelrap (vecstage.config.json); allowed: kind, size, overlap, unit, encoding');
  assert.is(errorOf({ kind: 'fixed', size: 512, overlap: 64 }).message,
    'unknown key pipelines.sw.chunker.overlap (vecstage.config.json); allowed: kind, size, unit, encoding');
  assert.is(errorOf({ module: './m.js', size: 3 }).message, 'unknown key pipelines.sw.chunker.size (vecstage.config.json); allowed: kind, module, options');
});

test('overlap must be below size', () => {
  assert.is(errorOf({ kind: 'sliding-window', size: 64, overlap: 64 }).message,
    'invalid pipelines.sw.chunker.overlap: 64 (vecstage.config.json); allowed: an integer >= 0 and < pipelines.sw.chunker.size (64)');
  assert.is(errorOf({ kind: 'sentence', size: 10, overlap: -1 }).message, 'invalid pipelines.sw.chunker.overlap: -1 (vecstage.config.json); allowed: an integer >= 0');
});

test('size is required, an integer in range', () => {
  assert.match(errorOf({ kind: 'fixed' }).message, /^missing key pipelines\.sw\.chunker\.size \(vecstage\.config\.json\); allowed: an integer 1\.\.10000000/);
  assert.is(errorOf({ kind: 'fixed', size: 0 }).message, 'invalid pipelines.sw.chunker.size: 0 (vecstage.config.json); allowed: an integer >= 1 <= 10000000');
  assert.is(errorOf({ kind: 'fixed', size: 2.5 }).message, 'invalid pipelines.sw.chunker.size: 2.5 (vecstage.config.json); allowed: an integer >= 1 <= 10000000');
  assert.is(errorOf({ kind: 'fixed', size: '512' }).message, 'invalid pipelines.sw.chunker.size: "512" (vecstage.config.json); allowed: an integer >= 1 <= 10000000');
});

test('a bad kind or unit lists the allowed values', () => {
  assert.is(errorOf({ kind: 'sliding', size: 5 }).message,
    'invalid pipelines.sw.chunker.kind: "sliding" (vecstage.config.json); allowed: fixed, sliding-window, sentence, recursive, module');
  assert.is(errorOf({ kind: 'fixed', size: 5, unit: 'bytes' }).message, 'invalid pipelines.sw.chunker.unit: "bytes" (vecstage.config.json); allowed: chars, words, tokens');
  assert.match(errorOf({ size: 5 }).message, /^missing key pipelines\.sw\.chunker\.kind \(vecstage\.config\.json\); allowed: fixed, sliding-window, sentence, recursive, module/);
  assert.is(errorOf([]).message, 'invalid pipelines.sw.chunker: [] (vecstage.config.json); allowed: a JSON object');
});

test('recursive separators: a non-empty list of strings, "" only last', () => {
  const allowed = 'allowed: a list of 1..64 strings, "" only last, e.g. ["\\n\\n", "\\n", ". ", " ", ""]';
  assert.is(errorOf({ kind: 'recursive', size: 5, separators: [] }).message, `invalid pipelines.sw.chunker.separators: [] (vecstage.config.json); ${allowed}`);
  assert.is(errorOf({ kind: 'recursive', size: 5, separators: ['', '\n'] }).message, `invalid pipelines.sw.chunker.separators[0]: "" (vecstage.config.json); ${allowed}`);
  assert.is(errorOf({ kind: 'recursive', size: 5, separators: ['\n', 3] }).message, `invalid pipelines.sw.chunker.separators[1]: 3 (vecstage.config.json); ${allowed}`);
});

test('a module chunker resolves against the config folder, with the sha256 of its source', () => {
  mkdirSync(join(dir, 'chunkers'), { recursive: true });
  const source = 'export default (doc) => [doc.text];\n';
  writeFileSync(join(dir, 'chunkers', 'mine.js'), source);
  const sha = createHash('sha256').update(source).digest('hex');
  assert.equal(resolve({ module: './chunkers/mine.js', options: { max: 3 } }), {
    kind: 'module', module: './chunkers/mine.js', path: join(dir, 'chunkers', 'mine.js'), sourceHash: sha, options: { max: 3 },
  });
  assert.equal(resolve({ kind: 'module', module: './chunkers/mine.js' }).kind, 'module');
});

test('a missing module file, a folder, or a module with the wrong kind is refused', () => {
  assert.is(errorOf({ module: './chunkers/missing.js' }).message,
    'invalid pipelines.sw.chunker.module: "./chunkers/missing.js" (vecstage.config.json): cannot read it (ENOENT); allowed: a path to a .js/.mjs file, relative to the config folder, e.g. "./chunkers/mine.js"');
  assert.match(errorOf({ module: './chunkers' }).message, /cannot read it \(ENOTFILE\)/);
  assert.is(errorOf({ kind: 'fixed', module: './chunkers/mine.js' }).message,
    'unknown key pipelines.sw.chunker.module (vecstage.config.json); allowed: kind, size, unit, encoding');
  assert.is(errorOf({ module: './chunkers/mine.js', options: [1] }).message, 'invalid pipelines.sw.chunker.options: [1] (vecstage.config.json); allowed: a JSON object');
});

test.run();
