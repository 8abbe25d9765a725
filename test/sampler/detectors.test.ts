import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasMixedScripts, hasNonAscii, isEmptyText, isLongText, isShortText, scriptsOf } from '../../src/sampler/detectors/text.js';
import { seededRandom } from '../../src/random.js';
import { isZeroVector, l2Norm, vectorHash } from '../../src/sampler/detectors/vector.js';
import { isOutlierNorm, medianInPlace, normStats } from '../../src/sampler/detectors/outlier-norm.js';
import { isMissingMetadata } from '../../src/sampler/detectors/metadata.js';
import { matchRule } from '../../src/sampler/detectors/rules.js';
import { SIGNATURE_WORDS, findNearDuplicates, makeProjector, signature } from '../../src/sampler/detectors/near-duplicate.js';

test('text detectors', () => {
  assert.ok(isEmptyText('  \t'));
  assert.not.ok(isEmptyText(' a '));
  assert.ok(isShortText('hi', 8));
  assert.not.ok(isShortText('', 8));
  assert.ok(isLongText('x'.repeat(11), 10));
  assert.ok(hasNonAscii('café'));
  assert.not.ok(hasNonAscii('cafe'));
  assert.ok(hasMixedScripts('hello мир'));
  assert.not.ok(hasMixedScripts('日本語のテキスト'));
});

/** scriptsOf's definition: each script's expression tested on the whole text (the table look-up must agree). */
const SCRIPT_RES: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u], ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u], ['Han', /\p{Script=Han}/u], ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u], ['Devanagari', /\p{Script=Devanagari}/u], ['Thai', /\p{Script=Thai}/u],
];
function scriptsByRegex(text: string): string[] {
  const found = SCRIPT_RES.filter(([, re]) => re.test(text)).map(([name]) => name);
  return found.includes('Han') && found.includes('Kana') ? found.filter((s) => s !== 'Han') : found;
}

test('scriptsOf: per-code-point table = the regular expressions on the whole text (surrogates, astral, Han+Kana)', () => {
  const rand = seededRandom(11);
  // code points from every script in the list, their neighbours, astral Han, lone and paired surrogates
  const pool = [0x41, 0x7a, 0x30, 0x20, 0xe9, 0x2c6, 0x416, 0x3b1, 0x627, 0x5d0, 0x4e2d, 0x3042, 0x30ab, 0xac00, 0x915, 0xe01,
    0x20000, 0x2a6d6, 0x1f600, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x1100, 0xff71, 0x2e80, 0x10ffff, 0xfffd];
  for (let n = 0; n < 3000; n++) {
    let text = '';
    const len = Math.floor(rand() * 8);
    for (let i = 0; i < len; i++) {
      const base = pool[Math.floor(rand() * pool.length)] as number;
      const cp = base < 0xd800 || base > 0xdfff ? Math.min(0x10ffff, base + Math.floor(rand() * 3)) : base;
      text += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    }
    assert.equal(scriptsOf(text), scriptsByRegex(text), JSON.stringify(text));
    assert.is(hasMixedScripts(text), scriptsByRegex(text).length > 1, JSON.stringify(text));
  }
  assert.equal(scriptsOf('漢字とカナ'), ['Kana']);
  assert.equal(scriptsOf('\u{20000}x'), ['Latin', 'Han']);
});

test('vector detectors: zero, norm, exact-duplicate hash', () => {
  const a = Float32Array.from([0, 0, 0, 9]);
  assert.ok(isZeroVector(a, 3));
  assert.not.ok(isZeroVector(a, 4));
  assert.is(l2Norm(Float32Array.from([3, 4]), 2), 5);
  const h1 = vectorHash(Float32Array.from([1, 2, 3]), 3);
  assert.equal(vectorHash(Float32Array.from([1, 2, 3, 99]), 3), h1);
  assert.not.equal(vectorHash(Float32Array.from([1, 2, 3.0001]), 3), h1);
});

test('medianInPlace (selection) = the median of the sorted values: odd, even, duplicates, sorted and reversed input', () => {
  const rand = seededRandom(5);
  const bySort = (v: number[]): number => {
    const s = Float64Array.from(v).sort();
    const m = s.length >> 1;
    return s.length === 0 ? 0 : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const cases: number[][] = [[], [3], [2, 1], [1, 1, 1, 1], [5, 4, 3, 2, 1, 0], [0, 1, 2, 3, 4, 5, 6]];
  for (let n = 0; n < 200; n++) {
    const len = 1 + Math.floor(rand() * 300);
    const levels = 1 + Math.floor(rand() * 20);
    cases.push(Array.from({ length: len }, () => Math.floor(rand() * levels) / 7 + (rand() < 0.5 ? 0 : rand())));
  }
  for (const v of cases) assert.is(medianInPlace(Float64Array.from(v)), bySort(v), JSON.stringify(v.slice(0, 8)));
});

test('outlier norm: median/MAD with a relative floor', () => {
  const norms = [1, 1.01, 0.99, 1.02, 0.98, 1, 1, 5];
  const s = normStats(norms, 6, 0.01);
  assert.is(s.median, 1);
  assert.ok(isOutlierNorm(5, s));
  assert.not.ok(isOutlierNorm(1.02, s));
  assert.not.ok(isOutlierNorm(1 + 1e-7, normStats([1, 1, 1, 1], 6, 0.01)));
});

test('metadata and custom rules', () => {
  assert.ok(isMissingMetadata(null));
  assert.ok(isMissingMetadata({ a: ' ' }));
  assert.not.ok(isMissingMetadata({ a: 'x' }));
  const get = (f: string) => ({ text: 'GDPR request', tenant: 'acme', year: '2021' })[f];
  assert.ok(matchRule({ tag: 'legal', kind: 'regex', field: 'text', regex: /gdpr/i }, get));
  assert.ok(matchRule({ tag: 'x', kind: 'where', where: [{ field: 'tenant', predicate: { op: '$in', values: ['acme'] } }, { field: 'year', predicate: { op: '$gte', value: 2020 } }] }, get));
  assert.not.ok(matchRule({ tag: 'x', kind: 'where', where: [{ field: 'tenant', predicate: { op: '$ne', value: 'acme' } }] }, get));
});

test('near duplicates: found by SRP-LSH regardless of order; exact duplicates and far vectors are not', () => {
  const dim = 64;
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const rows: Float32Array[] = [];
  for (let i = 0; i < 200; i++) rows.push(Float32Array.from({ length: dim }, rand));
  const near = rows[5]!.map((v, i) => v + (i === 0 ? 0.01 : 0));
  rows.push(near, rows[7]!.slice());
  const run = (order: number[]): Set<string> => {
    const proj = makeProjector(dim);
    const sigs = new Uint32Array(order.length * SIGNATURE_WORDS);
    order.forEach((r, k) => signature(proj, rows[r]!, sigs, k * SIGNATURE_WORDS));
    const same = (a: number, b: number) => rows[order[a]!]!.every((v, i) => v === rows[order[b]!]![i]);
    const found = findNearDuplicates(sigs, order.length, () => false, same, (a, b) => order[a]! - order[b]!, { cosine: 0.99, maxBucket: 64 });
    return new Set([...found].map((k) => String(order[k])));
  };
  const forward = rows.map((_, i) => i);
  const found = run(forward);
  assert.equal([...found].sort(), ['200', '5']);
  assert.equal([...run(forward.slice().reverse())].sort(), ['200', '5']);
});

test.run();
