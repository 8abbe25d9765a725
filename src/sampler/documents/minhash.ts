/**
 * MinHash signatures of texts over word shingles (Broder 1997): K minima over the shingle set. Two texts agree
 * in one position with probability equal to the Jaccard similarity of their shingle sets, so the share of equal
 * positions estimates it. Each minimum is kept as 16 bits (b-bit minwise hashing, Li & Konig 2010: a false
 * agreement costs 2^-16), 128 bytes per text. Pure.
 */
import { fmix32, shingleHashes, wordHashes } from './text-shingles.js';

export const MINHASH_K = 64;
export const SHINGLE_WORDS = 3;

const SEED = 0x5eed1e55;
const BIN_BITS = 6;
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;

/**
 * Writes the K 16-bit minima of `text`'s shingles into `out` at `offset`; false (nothing written) for a text
 * without words. One permutation hashing (Li, Owen & Zhang 2012): each shingle is hashed once, its top 6 bits
 * pick one of the K bins and the rest competes for that bin's minimum, so a text costs one hash per shingle
 * instead of K. Bins no shingle fell into borrow the minimum of a bin chosen by a fixed probe sequence per bin
 * (optimal densification, Shrivastava 2017), which keeps two signatures agreeing in a position with probability
 * equal to the Jaccard similarity.
 */
export function minhashInto(text: string, out: Uint16Array, offset: number, shingleWords = SHINGLE_WORDS): boolean {
  const shingles = shingleHashes(wordHashes(text), shingleWords);
  if (shingles.length === 0) return false;
  const bins = new Uint32Array(MINHASH_K).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const h = fmix32((shingles[s] as number) ^ SEED);
    const b = h >>> (32 - BIN_BITS);
    const v = h & VALUE_MASK;
    if (v < (bins[b] as number)) bins[b] = v;
  }
  for (let k = 0; k < MINHASH_K; k++) {
    let from = k;
    // the probe sequence depends only on (k, attempt): texts with the same filled bins borrow from the same bin
    for (let attempt = 0; bins[from] === 0xffffffff; attempt++) from = fmix32(Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(attempt + 1, 0x85ebca77)) >>> (32 - BIN_BITS);
    // the full hash (bin and value) of the borrowed minimum, mixed so its 16 low bits are uniform
    out[offset + k] = fmix32(((from << (32 - BIN_BITS)) | (bins[from] as number)) >>> 0) & 0xffff;
  }
  return true;
}

/** The signature of one text; undefined for a text without words. */
export function minhash(text: string, shingleWords = SHINGLE_WORDS): Uint16Array | undefined {
  const out = new Uint16Array(MINHASH_K);
  return minhashInto(text, out, 0, shingleWords) ? out : undefined;
}

/** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
export function estimateJaccard(sigs: Uint16Array, a: number, b: number, other: Uint16Array = sigs): number {
  let same = 0;
  const ao = a * MINHASH_K;
  const bo = b * MINHASH_K;
  for (let k = 0; k < MINHASH_K; k++) if (sigs[ao + k] === other[bo + k]) same++;
  return same / MINHASH_K;
}
