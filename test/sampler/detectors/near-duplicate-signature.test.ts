import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIGNATURE_WORDS, makeProjector, signature, type SrpProjector } from '../../../src/sampler/detectors/near-duplicate.js';

/** The definition: plane by plane, +1 entries then -1 entries, in index order; bit p set when the sum is > 0. */
function reference(proj: SrpProjector, values: Float32Array): number[] {
  const words = new Array<number>(SIGNATURE_WORDS).fill(0);
  proj.planes.forEach((idx, p) => {
    const split = proj.splits[p]!;
    let sum = 0;
    for (let k = 0; k < split; k++) sum += values[idx[k]!]!;
    for (let k = split; k < idx.length; k++) sum -= values[idx[k]!]!;
    if (sum > 0) words[p >>> 5] = (words[p >>> 5]! | (1 << (p & 31))) >>> 0;
  });
  return words;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test('signature: the same bits as the plane-by-plane definition (dims 3..1536, tiny, huge, zero and -0 values)', () => {
  const rand = rng(7);
  for (const dim of [3, 17, 64, 128, 384, 768, 1536]) {
    const proj = makeProjector(dim);
    const out = new Uint32Array(SIGNATURE_WORDS * 2).fill(0xdeadbeef);
    for (let trial = 0; trial < 40; trial++) {
      const values = new Float32Array(dim + 5).fill(9); // garbage past dim must not be read
      for (let i = 0; i < dim; i++) {
        const r = rand();
        const scale = trial % 4 === 0 ? 1e-30 : trial % 4 === 1 ? 1e30 : 1;
        values[i] = r < 0.05 ? 0 : r < 0.1 ? -0 : r < 0.15 ? 1e-40 : (rand() - 0.5) * scale;
      }
      signature(proj, values, out, SIGNATURE_WORDS);
      assert.equal([...out.subarray(SIGNATURE_WORDS)], reference(proj, values.subarray(0, dim)), `dim ${dim} trial ${trial}`);
      assert.equal(out[0], 0xdeadbeef, 'writes only its own 8 words');
    }
  }
});

test('signature: a sum that is exactly 0 sets no bit; an all-positive vector sets the bits of planes with more + than - mass', () => {
  const dim = 64;
  const proj = makeProjector(dim);
  const out = new Uint32Array(SIGNATURE_WORDS);
  signature(proj, new Float32Array(dim), out, 0);
  assert.equal([...out], new Array(SIGNATURE_WORDS).fill(0));
  const ones = new Float32Array(dim).fill(1);
  signature(proj, ones, out, 0);
  assert.equal([...out], reference(proj, ones));
  assert.ok(out.some((w) => w !== 0));
});

test.run();
