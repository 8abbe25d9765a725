import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allocate } from '../../src/sampler/select/allocate.js';
import { EmbeddingParser } from '../../src/sampler/input/embedding-parse.js';
import { keyToUnit, selectionKey, keyHex } from '../../src/sampler/select/hash.js';
import { parseSpec } from '../../src/sampler/spec/spec-parse.js';
import { createHash } from 'node:crypto';

test('allocate: sizes sum to the target, respect minimums and capacity, largest remainder', () => {
  assert.equal(allocate([50, 30, 20], [0, 0, 0], 10), [5, 3, 2]);
  assert.equal(allocate([1000, 1000, 3], [5, 5, 5], 150), [74, 73, 3]);
  const out = allocate([333, 333, 334], [0, 0, 0], 100);
  assert.is(out.reduce((a, b) => a + b, 0), 100);
  assert.equal(allocate([10, 10], [5, 5], 4), [5, 5]);
  assert.equal(allocate([2, 100], [5, 5], 200), [2, 100]);
});

test('selection key: md5(seed ":" id), first 8 bytes big-endian', () => {
  const k = selectionKey('7', 'doc-1');
  const hex = createHash('md5').update('7:doc-1').digest('hex').slice(0, 16);
  assert.is(keyHex(k.hi, k.lo), hex);
  const u = keyToUnit(k.hi, k.lo);
  assert.ok(Math.abs(u - Number(BigInt(`0x${hex}`)) / 2 ** 64) < 1e-15);
});

test('embedding parser agrees with JSON.parse + Float32Array, and classifies bad cells', () => {
  const p = new EmbeddingParser();
  const cell = '[0.1, -2.5e-3, 3, 1E2, -0.000001234, 0.12345678901234567, 123456789012345678]';
  const r = p.parse(cell);
  assert.ok(r.ok);
  if (r.ok) assert.equal(Array.from(p.values.subarray(0, r.length)), Array.from(Float32Array.from(JSON.parse(cell) as number[])));
  const nan = p.parse('[1, NaN, 2]');
  assert.ok(nan.ok && !nan.finite);
  const numpy = p.parse('[0.1 0.2 ... 0.3]');
  assert.ok(!numpy.ok && /numpy|spaces/.test(numpy.detail));
  assert.ok(!p.parse('[0.1, ..., 0.3]').ok);
  assert.ok(!p.parse('[0.1, 0.2').ok);
  assert.ok(!p.parse('0.1, 0.2').ok);
  const empty = p.parse('[]');
  assert.ok(empty.ok && empty.length === 0);
});

test('spec: unknown keys are errors naming the allowed keys; values validated', () => {
  assert.throws(() => parseSpec({ stratifyby: ['a'] }, 'x.json'), /invalid key: "stratifyby" \(x\.json\); allowed: .*stratifyBy/);
  assert.throws(() => parseSpec({ detectors: { zero_vectors: true } }, 'x.json'), /zero_vectors/);
  assert.throws(() => parseSpec({ rules: [{ tag: 't', field: 'text', regex: '(' }] }, 'x.json'), /regex/);
  const s = parseSpec({ stratifyBy: ['tenant'], fraction: 0.12, caps: { zero_vector: 3 }, detectors: { short_text: { minChars: 4 } } }, 'x.json');
  assert.equal(s.stratifyBy, ['tenant']);
  assert.is(s.caps.zero_vector, 3);
  assert.is(s.detectors.shortTextMinChars, 4);
});

test.run();
