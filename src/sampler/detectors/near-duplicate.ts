/**
 * Near-duplicate vectors by sign-random-projection LSH (Charikar 2002): a 256-bit signature per vector, one bit
 * per random hyperplane, with very sparse projections (Li, Hastie & Church 2006: ~sqrt(dim) non-zeros of +-1 per
 * hyperplane) so a signature costs ~256*sqrt(dim) additions. The angle between two vectors is estimated as
 * pi * hamming / 256 (the SRP collision law), which is the cosine check; candidates are pairs sharing one of the
 * 8 32-bit bands. Memory: 32 bytes per row, never the vectors. Everything depends only on the set of rows, not
 * their order, so exact-mode selection stays order-independent.
 */

export const SIGNATURE_WORDS = 8;
const BITS = SIGNATURE_WORDS * 32;

export interface SrpProjector {
  dim: number;
  /** per hyperplane: indices with +1 then -1, split at `split` */
  planes: Int32Array[];
  splits: number[];
}

/** Deterministic hyperplanes for a dimension (mulberry32 seeded by `seed`). */
export function makeProjector(dim: number, seed = 0x5eed): SrpProjector {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  return { dim, planes, splits };
}

/** Writes the 8-word signature of `values` into `out` at `offset`. */
export function signature(proj: SrpProjector, values: Float32Array, out: Uint32Array, offset: number): void {
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    let word = 0;
    for (let b = 0; b < 32; b++) {
      const p = w * 32 + b;
      const idx = proj.planes[p] as Int32Array;
      const split = proj.splits[p] as number;
      let sum = 0;
      for (let k = 0; k < split; k++) sum += values[idx[k] as number] as number;
      for (let k = split; k < idx.length; k++) sum -= values[idx[k] as number] as number;
      if (sum > 0) word |= 1 << b;
    }
    out[offset + w] = word >>> 0;
  }
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
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    const byWord = Uint32Array.from(rows).sort((a, b) => {
      const d = (sigs[a * SIGNATURE_WORDS + w] as number) - (sigs[b * SIGNATURE_WORDS + w] as number);
      return d || order(a, b);
    });
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
