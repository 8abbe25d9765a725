import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from '../../../src/config/validate.js';
import { VecstageError } from '../../../src/errors.js';
import { createEmbedder, embedTexts, resolveEmbedder } from '../../../src/pipeline/embed/index.js';
import type { Embedder } from '../../../src/pipeline/types.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-embed-module-'));
const r = new Reader('vecstage.config.json');

/** Writes `embedders/<name>.mjs` and resolves it as the config would. */
async function moduleEmbedder(name: string, source: string, extra: Record<string, unknown> = {}): Promise<Embedder> {
  writeFileSync(join(dir, `${name}.mjs`), source);
  const config = resolveEmbedder(r, 'pipelines.p.embedder', { module: `./${name}.mjs`, model: `${name}-v1`, ...extra }, dir);
  return createEmbedder(config);
}

async function failure(p: Promise<unknown>): Promise<VecstageError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, VecstageError);
    return err as VecstageError;
  }
  throw new Error('expected an error');
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `doc-${i}#0`, text: `text ${i}` }));

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('ok: number[][] or Float32Array[], called with the model, options and batches of `batch`', async () => {
  const e = await moduleEmbedder(
    'lengths',
    `export const seen = [];
     export default function (texts, o) {
       seen.push({ n: texts.length, model: o.model, scale: o.options.scale });
       return texts.map((t) => [t.length * o.options.scale, 1, 0]);
     }\n`,
    { batch: 2, options: { scale: 2 } },
  );
  assert.is(e.maxBatch, 2);
  assert.is(e.model, 'lengths-v1');
  const out = await embedTexts(items(5), { embedder: e });
  assert.equal(out.vectors[3], Float32Array.from([12, 1, 0]));
  assert.is(out.stats.calls, 3);
  assert.is(e.dimension, 3);
  const { seen } = (await import(join(dir, 'lengths.mjs'))) as { seen: unknown[] };
  assert.equal(seen, [
    { n: 2, model: 'lengths-v1', scale: 2 },
    { n: 2, model: 'lengths-v1', scale: 2 },
    { n: 1, model: 'lengths-v1', scale: 2 },
  ]);
  const f32 = await moduleEmbedder('typed', 'export default async (texts) => texts.map(() => new Float32Array([0.5, 0.25]));\n', { dimension: 2 });
  assert.equal((await f32.embed(['a'])).vectors, [Float32Array.from([0.5, 0.25])]);
});

test('throwing: an error naming the module, the batch and its keys; not retried', async () => {
  const e = await moduleEmbedder('throws', `let calls = 0; export default () => { calls++; throw new Error('model not loaded (call ' + calls + ')'); };\n`);
  const err = await failure(embedTexts(items(2), { embedder: e, sleep: async () => undefined }));
  assert.is(err.code, 'INPUT');
  assert.match(err.message, 'embedder module ./throws.mjs threw on batch 1 (2 texts): model not loaded (call 1)');
  assert.match(err.message, '(the batch of 2: "doc-0#0", "doc-1#0")');
  assert.equal(err.details?.keys, ['doc-0#0', 'doc-1#0']);
});

test('wrong shape: not an array, wrong count, ragged, non-finite, another dimension than declared', async () => {
  const cases: [string, string, string][] = [
    ['null', 'export default () => null;', 'returned null instead of an array of vectors'],
    ['object', 'export default () => ({ vectors: [] });', 'returned object instead of an array of vectors'],
    ['short', 'export default (t) => t.slice(1).map(() => [1]);', 'returned 1 vectors for 2 texts'],
    ['ragged', 'export default (t) => t.map((_, i) => (i ? [1, 2] : [1]));', 'returned item 1 of dimension 2, earlier vectors had 1'],
    ['nan', 'export default (t) => t.map(() => [1, NaN]);', 'returned item 0 that is not a non-empty array of finite numbers or a Float32Array'],
    ['strings', "export default (t) => t.map(() => ['1', '2']);", 'returned item 0 that is not a non-empty array of finite numbers or a Float32Array'],
    ['empty', 'export default (t) => t.map(() => []);', 'returned item 0 that is not a non-empty array of finite numbers or a Float32Array'],
  ];
  for (const [name, src, want] of cases) {
    const e = await moduleEmbedder(`shape-${name}`, `${src}\n`);
    const err = await failure(embedTexts(items(2), { embedder: e }));
    assert.is(err.code, 'INPUT', name);
    assert.match(err.message, `embedder module ./shape-${name}.mjs ${want} on batch 1 (2 texts)`, name);
    assert.match(err.message, '"doc-0#0"', name);
  }
  const declared = await moduleEmbedder('declared', 'export default (t) => t.map(() => [1, 2, 3]);\n', { dimension: 4 });
  assert.match((await failure(declared.embed(['x']))).message, 'returned item 0 of dimension 3, its config declares 4');
});

test('a module without a default export function, or one that fails to load, is refused when created', async () => {
  const none = await failure(moduleEmbedder('no-default', 'export const embed = () => [];\n'));
  assert.match(none.message, 'embedder module ./no-default.mjs has no default export function; allowed: export default function (texts, options)');
  const broken = await failure(moduleEmbedder('broken', 'export default (texts => ;\n'));
  assert.match(broken.message, 'embedder module ./broken.mjs failed to load');
});

test('the identity follows the module source: editing the file makes a new cache key', async () => {
  const a = await moduleEmbedder('edited', 'export default (t) => t.map(() => [1, 0]);\n');
  const b = await moduleEmbedder('edited', 'export default (t) => t.map(() => [0, 1]);\n');
  assert.is.not(a.identity, b.identity);
  assert.is.not(a.config.kind === 'module' && a.config.sourceHash, b.config.kind === 'module' && b.config.sourceHash);
});

test.run();
