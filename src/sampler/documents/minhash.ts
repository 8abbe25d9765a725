/**
 * MinHash signatures of texts over word shingles (Broder 1997): for each of K hash functions, the smallest hash
 * of any shingle. Two texts agree in one position with probability equal to the Jaccard similarity of their
 * shingle sets, so the share of equal positions estimates it. Each minimum is kept as 16 bits (b-bit minwise
 * hashing, Li & Konig 2010: a false agreement costs 2^-16), 128 bytes per text. Pure.
 */
import { fmix32, shingleHashes, wordHashes } from './text-shingles.js';

export const MINHASH_K = 64;
export const SHINGLE_WORDS = 3;

/** Per hash function: a seed xored into the shingle hash before a multiply-xorshift (shingle hashes are mixed already). */
const SEEDS = Uint32Array.from({ length: MINHASH_K }, (_, i) => fmix32(0x5eed0000 + i));

/**
 * Writes the K 16-bit minima of `text`'s shingles into `out` at `offset`; false (nothing written) for a text
 * without words.
 */
export function minhashInto(text: string, out: Uint16Array, offset: number, shingleWords = SHINGLE_WORDS): boolean {
  const shingles = shingleHashes(wordHashes(text), shingleWords);
  if (shingles.length === 0) return false;
  const mins = new Uint32Array(MINHASH_K).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s] as number;
    for (let k = 0; k < MINHASH_K; k++) {
      const y = fmix32(x ^ (SEEDS[k] as number));
      if (y < (mins[k] as number)) mins[k] = y;
    }
  }
  // the low bits of a minimum are not uniform (minima are small numbers): mix before truncating
  for (let k = 0; k < MINHASH_K; k++) out[offset + k] = fmix32(mins[k] as number) & 0xffff;
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
