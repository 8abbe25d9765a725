import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { estimateJaccard, minhash, MINHASH_K, nearDuplicateTexts } from '../../../src/sampler/index.js';
import { selectionKey } from '../../../src/sampler/hash.js';
import { editOneWord, randomText } from './corpus.js';

function rand(seed: number): () => number {
  let a = seed;
  return () => ((a = (Math.imul(a, 1664525) + 1013904223) >>> 0) >>> 8) / 2 ** 24;
}

function jaccard(texts: string[], a: number, b: number): number {
  const sigs = new Uint16Array(texts.length * MINHASH_K);
  texts.forEach((t, i) => sigs.set(minhash(t)!, i * MINHASH_K));
  return estimateJaccard(sigs, a, b);
}

function nearDuplicates(texts: string[]): string[] {
  const ids = texts.map((_, i) => `t${i}`);
  const sigs = new Uint16Array(texts.length * MINHASH_K);
  const has = new Uint8Array(texts.length);
  texts.forEach((t, i) => {
    const s = minhash(t);
    if (s) {
      sigs.set(s, i * MINHASH_K);
      has[i] = 1;
    }
  });
  const keys = ids.map((id) => selectionKey('1', id));
  const out = nearDuplicateTexts(
    { count: texts.length, sigs, has, keyHi: Uint32Array.from(keys, (k) => k.hi), keyLo: Uint32Array.from(keys, (k) => k.lo), ids },
    { jaccard: 0.7, maxBucket: 64 },
  );
  return out.map((r) => ids[r]!).sort();
}

test('minhash: identical texts agree everywhere; case, spacing and punctuation do not count', () => {
  const t = randomText(rand(1), 50);
  assert.is(jaccard([t, t], 0, 1), 1);
  assert.is(jaccard([t, `  ${t.toUpperCase().replace(/ /g, ',  ')}!`], 0, 1), 1);
  assert.is(minhash(''), undefined);
  assert.is(minhash('  ... !'), undefined);
});

test('minhash: a one-word edit estimates close to the true Jaccard of the 3-shingle sets; unrelated texts near 0', () => {
  const r = rand(2);
  for (let k = 0; k < 20; k++) {
    const t = randomText(r, 60);
    const e = editOneWord(t);
    // 58 shingles, 3 changed: J = 55 / 61 = 0.90
    const est = jaccard([t, e], 0, 1);
    assert.ok(est >= 0.7 && est < 1, `edit ${k}: estimated ${est}`);
    const other = randomText(r, 60);
    assert.ok(jaccard([t, other], 0, 1) < 0.2, `unrelated ${k}`);
  }
});

test('nearDuplicateTexts: copies and one-word edits found, unrelated texts not, texts without words never', () => {
  const r = rand(3);
  const texts = Array.from({ length: 300 }, () => randomText(r, 40 + Math.floor(r() * 40)));
  const base = texts[10]!;
  texts.push(base);
  texts.push(editOneWord(texts[20]!));
  texts.push('', '   ', '');
  assert.equal(nearDuplicates(texts), ['t10', 't20', 't300', 't301']);
});

test('nearDuplicateTexts: the tags depend on the set of rows, not their order; a bucket of many copies is all tagged', () => {
  const r = rand(4);
  const texts = Array.from({ length: 200 }, () => randomText(r, 50));
  const copy = texts[0]!;
  for (let i = 0; i < 150; i++) texts.push(copy);
  texts.push(editOneWord(texts[5]!));
  const ids = nearDuplicates(texts);
  assert.is(ids.length, 151 + 2);
  // reversed: the same texts under the same ids
  const reversedIds = nearDuplicatesById(texts.map((t, i) => [`t${i}`, t] as const).reverse());
  assert.equal(reversedIds, ids);
});

function nearDuplicatesById(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const ids = rows.map(([id]) => id);
  const sigs = new Uint16Array(rows.length * MINHASH_K);
  const has = new Uint8Array(rows.length).fill(1);
  rows.forEach(([, t], i) => sigs.set(minhash(t)!, i * MINHASH_K));
  const keys = ids.map((id) => selectionKey('1', id));
  return nearDuplicateTexts(
    { count: rows.length, sigs, has, keyHi: Uint32Array.from(keys, (k) => k.hi), keyLo: Uint32Array.from(keys, (k) => k.lo), ids },
    { jaccard: 0.7, maxBucket: 64 },
  )
    .map((r) => ids[r]!)
    .sort();
}

test.run();
