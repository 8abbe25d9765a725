import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { estimateJaccard, minhash, MINHASH_K, nearDuplicateTexts } from '../../../src/sampler/index.js';
import { selectionKey } from '../../../src/sampler/select/hash.js';
import { expressionWordHashes, shingleHashes, wordHashes } from '../../../src/sampler/documents/text-shingles.js';
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

test('word hashes: the ASCII fast path gives the expression path\'s words; other scripts split as documented', () => {
  const r = rand(7);
  const cases = ['Hello, World! 42 times', '', '  \t', 'a-b_c d9Z', 'ALL CAPS and 123abc.', '\tTabs\nand\r\nlines', `${'x'.repeat(3000)} y`, randomText(r, 500)];
  for (const c of cases) assert.equal(Array.from(wordHashes(c)), Array.from(expressionWordHashes(c)), JSON.stringify(c.slice(0, 40)));
  // Han characters are words of their own; accented Latin stays one word
  assert.is(wordHashes('東京都').length, 3);
  assert.is(wordHashes('Grüße aus Köln').length, 3);
  assert.equal(Array.from(wordHashes('GRÜSSE')), Array.from(wordHashes('grüsse')));
});

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

test('minhash: the estimate tracks the true Jaccard of the shingle sets (short and long texts, 0 to 1)', () => {
  const r = rand(9);
  let se = 0;
  let bias = 0;
  const n = 400;
  for (let i = 0; i < n; i++) {
    const len = 5 + Math.floor(r() * 120);
    const a = randomText(r, len).split(' ');
    const b = a.slice();
    for (let e = Math.floor(r() * len * 0.5); e > 0; e--) b[Math.floor(r() * len)] = `w${Math.floor(r() * 1000)}`;
    const A = new Set(shingleHashes(wordHashes(a.join(' ')), 3));
    const B = new Set(shingleHashes(wordHashes(b.join(' ')), 3));
    const inter = [...A].filter((x) => B.has(x)).length;
    const truth = inter / (A.size + B.size - inter);
    const est = jaccard([a.join(' '), b.join(' ')], 0, 1);
    se += (est - truth) ** 2;
    bias += est - truth;
  }
  // K = 64 positions: the standard error of one estimate is at most sqrt(0.25 / 64) = 0.0625
  assert.ok(Math.sqrt(se / n) < 0.065, `rmse ${Math.sqrt(se / n)}`);
  assert.ok(Math.abs(bias / n) < 0.01, `bias ${bias / n}`);
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
