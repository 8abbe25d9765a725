/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain), fed the UTF-16 code units of a string two per 32-bit block
 * instead of UTF-8 bytes: no encoding step on the hashing embedder's hot path. The values are therefore stable
 * within vecstage but not equal to other murmur3 implementations run over UTF-8.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The murmur3 finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of `s.slice(start, end)` without making the substring. */
export function murmur3String(s: string, seed: number, start = 0, end = s.length): number {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) h = mixBlock(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < end) {
    let k = Math.imul(s.charCodeAt(i), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ ((end - start) * 2));
}

/** Hash of a sequence of 32-bit values (an n-gram of token hashes): order matters, length is mixed in. */
export function murmur3Ints(values: ArrayLike<number>, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = mixBlock(h, values[i] ?? 0);
  return fmix32(h ^ ((end - start) * 4));
}
