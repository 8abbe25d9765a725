/**
 * The hashing embedder's pure core: signed feature hashing of word n-grams (Weinberger et al. 2009, "Feature
 * Hashing for Large Scale Multitask Learning"). Text is NFKC-normalised and lowercased, cut into Unicode word
 * tokens (runs of letters and digits), each n-gram hashed to one of `dimension` buckets with a sign from another
 * bit of the same hash (so collisions cancel in expectation instead of piling up), weighted by log1p(tf) when
 * sublinear, and the vector L2-normalised so cosine and inner product agree. A text without a word (empty, only
 * punctuation or spaces) gives the zero vector: there is nothing to place it by.
 */
import { fmix32, murmur3Ints, murmur3String } from './murmur3.js';

export interface HashingOptions {
  dimension: number;
  /** inclusive n-gram sizes */
  ngrams: readonly [number, number];
  /** a 32-bit seed (see seedOf) */
  seed: number;
  sublinearTf: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The seed string of the config as the 32-bit seed the hash takes. */
export function seedOf(seed: string): number {
  return murmur3String(seed, 0x9747b28c);
}

/** Lowercased Unicode word tokens. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

export function hashingVector(text: string, o: HashingOptions): Float32Array {
  const out = new Float32Array(o.dimension);
  const tokens = wordTokens(text);
  if (tokens.length === 0) return out;
  const th = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) th[i] = murmur3String(tokens[i] as string, o.seed);
  // feature hash -> count first, so sublinear tf weighs a repeated feature, not a bucket
  const counts = new Map<number, number>();
  const [lo, hi] = o.ngrams;
  for (let n = lo; n <= hi; n++) {
    // each n gets its own seed so the bigram (a, b) never shares a hash with a unigram by construction
    const seedN = fmix32(o.seed ^ Math.imul(n, 0x9e3779b1));
    for (let i = 0; i + n <= th.length; i++) {
      const h = n === 1 ? fmix32((th[i] as number) ^ seedN) : murmur3Ints(th, i, i + n, seedN);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  }
  const acc = new Float64Array(o.dimension);
  for (const [h, c] of counts) {
    const w = o.sublinearTf ? Math.log1p(c) : c;
    const bucket = (h & 0x7fffffff) % o.dimension;
    acc[bucket] = (acc[bucket] as number) + (h >>> 31 === 1 ? -w : w);
  }
  let norm = 0;
  for (let i = 0; i < acc.length; i++) norm += (acc[i] as number) ** 2;
  if (norm === 0) return out;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < acc.length; i++) out[i] = (acc[i] as number) * inv;
  return out;
}
