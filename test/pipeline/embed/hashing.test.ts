import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEmbedder, hashingVector, seedOf, wordTokens } from '../../../src/pipeline/embed/index.js';
import { murmur3String } from '../../../src/pipeline/embed/murmur3.js';
import type { EmbedderConfig } from '../../../src/pipeline/types.js';

const CONFIG: EmbedderConfig = { kind: 'hashing', model: 'hashing-256', dimension: 256, ngrams: [1, 2], seed: 'vecstage', sublinearTf: true };
const opts = { dimension: 256, ngrams: [1, 2] as const, seed: seedOf('vecstage'), sublinearTf: true };

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

test('tokens: lowercase Unicode words (letters and digits), punctuation dropped', () => {
  assert.equal(wordTokens('Hello, Wörld! 42x — naïve café_au-lait 東京'), ['hello', 'wörld', '42x', 'naïve', 'café', 'au', 'lait', '東京']);
  assert.equal(wordTokens('ＡＢＣ'), ['abc']); // NFKC: full-width letters are the same word
  assert.equal(wordTokens('  ... !!'), []);
});

test('deterministic, L2-normalised, of the configured dimension', async () => {
  const e = await createEmbedder(CONFIG);
  const texts = ['the quick brown fox', 'jumps over the lazy dog', 'Ünïcödé tèxt 123'];
  const a = (await e.embed(texts)).vectors;
  const b = (await e.embed(texts)).vectors;
  assert.equal(a, b);
  for (const v of a) {
    assert.is(v.length, 256);
    assert.ok(Math.abs(norm(v) - 1) < 1e-6, `norm ${norm(v)}`);
  }
  assert.is(e.dimension, 256);
  assert.is(e.model, 'hashing-256');
  for (const dim of [2, 7, 1000]) assert.is(hashingVector('a b c', { ...opts, dimension: dim }).length, dim);
});

test('a text without a word gives the zero vector', () => {
  for (const t of ['', '   ', '?!.,']) assert.ok(hashingVector(t, opts).every((x) => x === 0), JSON.stringify(t));
});

test('lexical closeness: texts sharing words are closer in cosine than texts that do not', () => {
  const q = hashingVector('how to reset a forgotten password', opts);
  const near = hashingVector('Reset your password if you forgot it: open settings and choose reset password', opts);
  const far = hashingVector('The quarterly revenue grew in the European market', opts);
  assert.ok(dot(q, near) > dot(q, far) + 0.1, `near ${dot(q, near)} far ${dot(q, far)}`);
  // the same words in another case and with punctuation embed identically
  assert.equal(hashingVector('Reset PASSWORD!', opts), hashingVector('reset password', opts));
  // bigrams make word order count a little
  const ab = hashingVector('new york city', opts);
  assert.ok(dot(ab, hashingVector('new york city', opts)) > dot(ab, hashingVector('city york new', opts)));
  assert.ok(dot(ab, hashingVector('city york new', opts)) > 0.3);
});

test('retrieval over a small corpus ranks the document sharing the query words first', () => {
  const docs = [
    'Chroma stores embeddings in collections and answers nearest neighbour queries',
    'Pinecone is a managed vector database with serverless indexes',
    'Bread needs flour, water, salt and yeast; knead it and let it rise',
    'A sliding window chunker cuts documents into overlapping pieces',
  ];
  const vecs = docs.map((d) => hashingVector(d, opts));
  const queries: [string, number][] = [
    ['serverless vector database', 1],
    ['how long should bread dough rise', 2],
    ['overlapping chunks of documents', 3],
    ['nearest neighbour queries over collections', 0],
  ];
  for (const [q, want] of queries) {
    const qv = hashingVector(q, opts);
    const best = vecs.map((v, i) => [dot(qv, v), i] as const).sort((x, y) => y[0] - x[0])[0]?.[1];
    assert.is(best, want, q);
  }
});

test('seed and n-grams change the vectors; sublinear tf damps repetition', () => {
  const t = 'alpha beta gamma';
  assert.not.equal(hashingVector(t, opts), hashingVector(t, { ...opts, seed: seedOf('other') }));
  assert.not.equal(hashingVector(t, opts), hashingVector(t, { ...opts, ngrams: [1, 1] }));
  // "spam" 9 times vs once next to "eggs": raw tf lets spam dominate more than log1p does
  const text = `${'spam '.repeat(9)}eggs`;
  const eggs = hashingVector('eggs', { ...opts, ngrams: [1, 1] });
  const raw = dot(hashingVector(text, { ...opts, ngrams: [1, 1], sublinearTf: false }), eggs);
  const sub = dot(hashingVector(text, { ...opts, ngrams: [1, 1], sublinearTf: true }), eggs);
  assert.ok(sub > raw, `sublinear ${sub} raw ${raw}`);
});

test('murmur3 over code units: stable values, spread over buckets', () => {
  // pinned: a change here changes every hashing embedding (and so every cached one)
  assert.is(murmur3String('', 0), 0);
  assert.is(murmur3String('hello', 0), murmur3String('hello', 0));
  assert.is.not(murmur3String('hello', 0), murmur3String('hello', 1));
  assert.is(murmur3String('xhelloy', 0, 1, 6), murmur3String('hello', 0));
  const buckets = new Array<number>(16).fill(0);
  for (let i = 0; i < 16000; i++) buckets[murmur3String(`word${i}`, 7) % 16]! += 1;
  for (const b of buckets) assert.ok(b > 850 && b < 1150, `bucket count ${b}`);
});

test.run();
