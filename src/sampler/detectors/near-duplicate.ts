/**
 * Near-duplicate vectors by sign-random-projection LSH (Charikar 2002): a 256-bit signature per vector, one bit
 * per random hyperplane, with very sparse projections (Li, Hastie & Church 2006: ~sqrt(dim) non-zeros of +-1 per
 * hyperplane) so a signature costs ~256*sqrt(dim) additions. The angle between two vectors is estimated as
 * pi * hamming / 256 (the SRP collision law), which is the cosine check; candidates are pairs sharing one of the
 * 8 32-bit bands. Memory: 32 bytes per row, never the vectors. Everything depends only on the set of rows, not
 * their order, so exact-mode selection stays order-independent.
 */

import { nativeSampler, type NativeSampler } from '../../kernel/native-binding.js';
import { seededRandom } from '../../random.js';

export const SIGNATURE_WORDS = 8;
const BITS = SIGNATURE_WORDS * 32;

export interface SrpProjector {
  dim: number;
  /** per hyperplane: indices with +1 then -1, split at `split` */
  planes: Int32Array[];
  splits: number[];
  /** the same planes in groups of GROUP, summed side by side (see signature()) */
  layout: GroupLayout;
}

/**
 * signature()'s layout: the planes sorted by their (+1, -1) counts and cut into groups of GROUP, so a group
 * needs little padding. Per group, `pos[g]` then `neg[g]` steps of GROUP interleaved indices (`index[k * GROUP
 * + j]` is plane j's k-th index); a plane shorter than its group is padded with `dim`, the index of a 0.
 */
interface GroupLayout {
  index: Int32Array;
  pos: Int32Array;
  neg: Int32Array;
  /** the signature bit of the group's j-th plane */
  bit: Int32Array;
  /** scratch: the vector as doubles, plus the padding 0 at `dim` */
  scratch: Float64Array;
}

const GROUP = 8;

/** Deterministic hyperplanes for a dimension (mulberry32 seeded by `seed`). */
export function makeProjector(dim: number, seed = 0x5eed): SrpProjector {
  const rand = seededRandom(seed);
  const density = Math.min(1, 1 / Math.sqrt(dim));
  const planes: Int32Array[] = [];
  const splits: number[] = [];
  for (let p = 0; p < BITS; p++) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < dim; i++) {
      const r = rand();
      if (r < density / 2) pos.push(i);
      else if (r < density) neg.push(i);
    }
    if (pos.length + neg.length === 0) pos.push(Math.floor(rand() * dim));
    planes.push(Int32Array.from([...pos, ...neg]));
    splits.push(pos.length);
  }
  return { dim, planes, splits, layout: groupLayout(dim, planes, splits) };
}

function groupLayout(dim: number, planes: Int32Array[], splits: number[]): GroupLayout {
  const order = planes.map((_, p) => p);
  const pos = (p: number): number => splits[p] as number;
  const neg = (p: number): number => (planes[p] as Int32Array).length - pos(p);
  order.sort((a, b) => pos(a) - pos(b) || neg(a) - neg(b) || a - b);
  const index: number[] = [];
  const groupPos: number[] = [];
  const groupNeg: number[] = [];
  for (let g = 0; g < BITS; g += GROUP) {
    const members = order.slice(g, g + GROUP);
    const maxPos = Math.max(...members.map(pos));
    const maxNeg = Math.max(...members.map(neg));
    groupPos.push(maxPos);
    groupNeg.push(maxNeg);
    for (let k = 0; k < maxPos; k++) for (const p of members) index.push(k < pos(p) ? ((planes[p] as Int32Array)[k] as number) : dim);
    for (let k = 0; k < maxNeg; k++) for (const p of members) index.push(k < neg(p) ? ((planes[p] as Int32Array)[pos(p) + k] as number) : dim);
  }
  return {
    index: Int32Array.from(index),
    pos: Int32Array.from(groupPos),
    neg: Int32Array.from(groupNeg),
    bit: Int32Array.from(order),
    scratch: new Float64Array(dim + 1),
  };
}

/**
 * Writes the 8-word signature of `values` into `out` at `offset`. Bit p is the sign of plane p's sum, added in
 * the plane's index order (+1 entries, then -1 entries): eight planes at a time, side by side, so the additions
 * are not one long dependency chain. Every sum sees the same additions in the same order as a plane-by-plane
 * loop (the padding adds or subtracts an exact 0, which leaves a sum's value as is), so the bits are the same.
 */
export function signature(proj: SrpProjector, values: Float32Array, out: Uint32Array, offset: number): void {
  const { index, pos, neg, bit, scratch: v } = proj.layout;
  const dim = proj.dim;
  for (let i = 0; i < dim; i++) v[i] = values[i] as number;
  v[dim] = 0;
  for (let w = 0; w < SIGNATURE_WORDS; w++) out[offset + w] = 0;
  let k = 0;
  for (let g = 0; g < BITS / GROUP; g++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (const e = k + GROUP * (pos[g] as number); k < e; k += GROUP) {
      s0 += v[index[k] as number] as number;
      s1 += v[index[k + 1] as number] as number;
      s2 += v[index[k + 2] as number] as number;
      s3 += v[index[k + 3] as number] as number;
      s4 += v[index[k + 4] as number] as number;
      s5 += v[index[k + 5] as number] as number;
      s6 += v[index[k + 6] as number] as number;
      s7 += v[index[k + 7] as number] as number;
    }
    for (const e = k + GROUP * (neg[g] as number); k < e; k += GROUP) {
      s0 -= v[index[k] as number] as number;
      s1 -= v[index[k + 1] as number] as number;
      s2 -= v[index[k + 2] as number] as number;
      s3 -= v[index[k + 3] as number] as number;
      s4 -= v[index[k + 4] as number] as number;
      s5 -= v[index[k + 5] as number] as number;
      s6 -= v[index[k + 6] as number] as number;
      s7 -= v[index[k + 7] as number] as number;
    }
    const b = g * GROUP;
    if (s0 > 0) setBit(out, offset, bit[b] as number);
    if (s1 > 0) setBit(out, offset, bit[b + 1] as number);
    if (s2 > 0) setBit(out, offset, bit[b + 2] as number);
    if (s3 > 0) setBit(out, offset, bit[b + 3] as number);
    if (s4 > 0) setBit(out, offset, bit[b + 4] as number);
    if (s5 > 0) setBit(out, offset, bit[b + 5] as number);
    if (s6 > 0) setBit(out, offset, bit[b + 6] as number);
    if (s7 > 0) setBit(out, offset, bit[b + 7] as number);
  }
}

function setBit(out: Uint32Array, offset: number, p: number): void {
  const at = offset + (p >>> 5);
  out[at] = ((out[at] as number) | (1 << (p & 31))) >>> 0;
}

export function hamming(sigs: Uint32Array, a: number, b: number): number {
  let d = 0;
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    let x = ((sigs[a * SIGNATURE_WORDS + w] as number) ^ (sigs[b * SIGNATURE_WORDS + w] as number)) >>> 0;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    d += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return d;
}

/** The largest Hamming distance whose estimated cosine, cos(pi * h / 256), is still >= `cosine`. */
export function maxHammingFor(cosine: number): number {
  return Math.floor((Math.acos(Math.min(1, Math.max(-1, cosine))) / Math.PI) * BITS);
}

export interface NearDuplicateOptions {
  cosine: number;
  /** bucket members compared pairwise are capped (smallest `order` first) to bound the work */
  maxBucket: number;
}

/**
 * Rows (indices into `sigs`) that have a near-duplicate: estimated cosine >= threshold, exact duplicates and
 * excluded rows (`skip`, e.g. zero vectors) left out. `order` ranks rows for the bucket cap (the selection key),
 * so the result does not depend on input order.
 */
export function findNearDuplicates(
  sigs: Uint32Array,
  count: number,
  skip: (row: number) => boolean,
  sameVector: (a: number, b: number) => boolean,
  order: (a: number, b: number) => number,
  opts: NearDuplicateOptions,
): Set<number> {
  const maxH = maxHammingFor(opts.cosine);
  const tagged = new Set<number>();
  const rows: number[] = [];
  for (let r = 0; r < count; r++) if (!skip(r)) rows.push(r);
  // rows by `order` once (a stable sort: ties stay in row order), then per word a stable radix sort on the
  // word: the same sequence as a stable sort by (word, order), without 8 comparator sorts
  const ranked = Uint32Array.from(rows).sort(order);
  const byWord = new Uint32Array(ranked.length);
  const scratch = new Uint32Array(ranked.length);
  const counts = new Uint32Array(1 << 16);
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    radixPass(ranked, scratch, counts, (r) => (sigs[r * SIGNATURE_WORDS + w] as number) & 0xffff);
    radixPass(scratch, byWord, counts, (r) => (sigs[r * SIGNATURE_WORDS + w] as number) >>> 16);
    let start = 0;
    while (start < byWord.length) {
      const word = sigs[(byWord[start] as number) * SIGNATURE_WORDS + w];
      let end = start + 1;
      while (end < byWord.length && sigs[(byWord[end] as number) * SIGNATURE_WORDS + w] === word) end++;
      const stop = Math.min(end, start + opts.maxBucket);
      for (let i = start; i < stop; i++) {
        for (let j = i + 1; j < stop; j++) {
          const a = byWord[i] as number;
          const b = byWord[j] as number;
          if (sameVector(a, b)) continue;
          if (hamming(sigs, a, b) <= maxH) {
            tagged.add(a);
            tagged.add(b);
          }
        }
      }
      start = end;
    }
  }
  return tagged;
}

/** Pass 1's per-row arrays that findNearDuplicates reads. */
export interface NearDuplicateInput {
  sigs: Uint32Array;
  count: number;
  /** 1: a zero vector (left out) */
  zero: Uint8Array;
  /** the vector hash: equal hashes are exact duplicates, not near ones */
  vhHi: Uint32Array;
  vhLo: Uint32Array;
  /** the selection key, which ranks rows for the bucket cap */
  keyHi: Uint32Array;
  keyLo: Uint32Array;
}

/**
 * findNearDuplicates on pass 1's arrays, in the native kernel when it is built (the same steps over the same
 * integers, so the same rows; test/kernel/sampler-native.test.ts), else in JS. Rows in increasing order.
 */
export function nearDuplicateRows(input: NearDuplicateInput, opts: NearDuplicateOptions, native: NativeSampler | false | undefined = nativeSampler()): number[] {
  const { sigs, count, zero, vhHi, vhLo, keyHi, keyLo } = input;
  if (native) {
    const out = new Uint8Array(count);
    native.nearDuplicates(sigs, count, zero, vhHi, vhLo, keyHi, keyLo, maxHammingFor(opts.cosine), Math.min(opts.maxBucket, 0xffffffff), out);
    const rows: number[] = [];
    for (let r = 0; r < count; r++) if (out[r] === 1) rows.push(r);
    return rows;
  }
  const tagged = findNearDuplicates(
    sigs,
    count,
    (r) => (zero[r] as number) === 1,
    (a, b) => (vhHi[a] as number) === (vhHi[b] as number) && (vhLo[a] as number) === (vhLo[b] as number),
    (a, b) => (keyHi[a] as number) - (keyHi[b] as number) || (keyLo[a] as number) - (keyLo[b] as number),
    opts,
  );
  return [...tagged].sort((a, b) => a - b);
}

/** One stable counting-sort pass of `from` into `to` by a 16-bit digit. */
function radixPass(from: Uint32Array, to: Uint32Array, counts: Uint32Array, digit: (row: number) => number): void {
  counts.fill(0);
  for (let i = 0; i < from.length; i++) counts[digit(from[i] as number)]! += 1;
  let at = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d] as number;
    counts[d] = at;
    at += c;
  }
  for (let i = 0; i < from.length; i++) {
    const r = from[i] as number;
    const d = digit(r);
    to[counts[d] as number] = r;
    counts[d]! += 1;
  }
}
