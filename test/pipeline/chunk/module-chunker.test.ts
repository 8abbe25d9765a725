import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from '../../../src/config/validate.js';
import { VecstageError } from '../../../src/errors.js';
import { createChunker, resolveChunker, toChunks } from '../../../src/pipeline/chunk/index.js';
import type { Chunker, SourceDocument } from '../../../src/pipeline/types.js';

const dir = mkdtempSync(join(tmpdir(), 'vecstage-chunk-module-'));
const DOC: SourceDocument = { id: 'doc-7', text: 'Alpha beta. Gamma delta. Alpha beta.', metadata: { lang: 'en' } };

async function chunkerFrom(file: string, source: string, options?: Record<string, unknown>): Promise<Chunker> {
  writeFileSync(join(dir, file), source);
  const raw = { module: `./${file}`, ...(options ? { options } : {}) };
  return createChunker(resolveChunker(new Reader('vecstage.config.json'), 'pipelines.p.chunker', raw, dir));
}

async function failure(chunker: Chunker, doc: SourceDocument = DOC): Promise<VecstageError> {
  try {
    await chunker.chunk(doc);
  } catch (err) {
    assert.instance(err, VecstageError);
    assert.is((err as VecstageError).code, 'INPUT');
    return err as VecstageError;
  }
  throw new Error('expected the chunker to fail');
}

test('strings get offsets by searching forward from the previous chunk\'s start', async () => {
  const c = await chunkerFrom('strings.mjs', "export default (doc) => doc.text.split(/(?<=\\.) /).concat(['not in the text', '  ']);\n");
  const chunks = toChunks(DOC, await c.chunk(DOC));
  assert.equal(chunks, [
    { id: 'doc-7#0', docId: 'doc-7', ordinal: 0, text: 'Alpha beta.', start: 0, end: 11 },
    { id: 'doc-7#1', docId: 'doc-7', ordinal: 1, text: 'Gamma delta.', start: 12, end: 24 },
    // the second "Alpha beta." is found after the first one, not at 0 again
    { id: 'doc-7#2', docId: 'doc-7', ordinal: 2, text: 'Alpha beta.', start: 25, end: 36 },
    { id: 'doc-7#3', docId: 'doc-7', ordinal: 3, text: 'not in the text', start: null, end: null },
  ]);
});

test('objects keep their offsets; options and the document reach the module', async () => {
  const c = await chunkerFrom('objects.mjs', `export default (doc, options) => [
    { text: options.prefix + doc.text.slice(0, 5), start: 0, end: 5 },
    { text: 'Gamma' },
    { text: doc.metadata.lang, start: null, end: null },
  ];\n`, { prefix: '# ' });
  assert.equal(await c.chunk(DOC), [
    { text: '# Alpha', start: 0, end: 5 },
    { text: 'Gamma', start: 12, end: 17 },
    { text: 'en', start: null, end: null },
  ]);
});

test('an async module', async () => {
  const c = await chunkerFrom('async.mjs', "export default async (doc) => { await new Promise((r) => setTimeout(r, 1)); return [doc.text.slice(12, 24)]; };\n");
  assert.equal(await c.chunk(DOC), [{ text: 'Gamma delta.', start: 12, end: 24 }]);
});

test('a module that throws: the error names the module and the document, with the cause', async () => {
  const c = await chunkerFrom('throws.mjs', "export default (doc) => { if (doc.id === 'doc-7') throw new Error('tokenizer exploded'); return []; };\n");
  const err = await failure(c);
  assert.is(err.message, 'chunker module "./throws.mjs" failed on document "doc-7": tokenizer exploded');
  assert.instance(err.cause, Error);
  assert.is((err.cause as Error).message, 'tokenizer exploded');
  assert.equal(err.details, { module: './throws.mjs', document: 'doc-7' });
  assert.equal(await c.chunk({ ...DOC, id: 'other' }), []);
  const rejects = await chunkerFrom('rejects.mjs', "export default async () => { throw new TypeError('bad input'); };\n");
  assert.is((await failure(rejects)).message, 'chunker module "./rejects.mjs" failed on document "doc-7": bad input');
});

test('a bad return names the module, the document and what is wrong', async () => {
  const allowed = 'allowed: an array of strings or {text, start?, end?} objects';
  const cases: Array<[string, string]> = [
    ["'just a string'", 'it returned a string ("just a string")'],
    ['undefined', 'it returned undefined'],
    ["['ok', 42]", 'element 1 is a number (42)'],
    ["[{ txt: 'x' }]", 'element 0 has unknown key "txt"'],
    ['[{ text: 3 }]', 'element 0 has text a number (3)'],
    ["[{ text: 'x', start: 1 }]", 'element 0 has start without end'],
    ["[{ text: 'x', start: 5, end: 2 }]", 'element 0 has offsets [5,2] (need integers 0 <= start <= end <= 36)'],
    ["[{ text: 'x', start: 0, end: 99 }]", 'element 0 has offsets [0,99] (need integers 0 <= start <= end <= 36)'],
    ['[null]', 'element 0 is null'],
  ];
  for (const [k, [ret, what]] of cases.entries()) {
    const c = await chunkerFrom(`bad-${k}.mjs`, `export default () => ${ret};\n`);
    assert.is((await failure(c)).message, `invalid chunks from chunker module "./bad-${k}.mjs" for document "doc-7": ${what}; ${allowed}`);
  }
  const asyncBad = await chunkerFrom('bad-async.mjs', 'export default async () => ({ chunks: [] });\n');
  assert.is((await failure(asyncBad)).message, `invalid chunks from chunker module "./bad-async.mjs" for document "doc-7": it returned an object; ${allowed}`);
});

test('a module without a default function, or that cannot be imported, is refused when the chunker is created', async () => {
  const refused = async (file: string, source: string): Promise<string> => {
    try {
      await chunkerFrom(file, source);
    } catch (err) {
      assert.instance(err, VecstageError);
      return (err as VecstageError).message;
    }
    throw new Error('expected createChunker to fail');
  };
  assert.is(await refused('no-default.mjs', 'export const chunk = () => [];\n'),
    'invalid chunker module "./no-default.mjs": its default export is missing; allowed: a default export (doc, options) => an array of strings or {text, start?, end?} objects');
  assert.is(await refused('not-fn.mjs', 'export default 3;\n'),
    'invalid chunker module "./not-fn.mjs": its default export is a number; allowed: a default export (doc, options) => an array of strings or {text, start?, end?} objects');
  assert.match(await refused('syntax.mjs', 'export default (doc => ;\n'), /^chunker module "\.\/syntax\.mjs" could not be imported: /);
});

test.run();
