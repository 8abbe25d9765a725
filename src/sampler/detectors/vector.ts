/** Vector detectors over the first `length` values of a scratch buffer (no copies). */

export function isZeroVector(values: Float32Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (values[i] !== 0) return false;
  return true;
}

export function l2Norm(values: Float32Array, length: number): number {
  let s = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * A 64-bit hash of the float32 bytes (two independent 32-bit multiply-xorshift lanes), for exact-duplicate
 * detection. -0 and 0 differ in bytes and so count as different vectors.
 */
export function vectorHash(values: Float32Array, length: number): { hi: number; lo: number } {
  const bits = new Uint32Array(values.buffer, values.byteOffset, length);
  let h1 = 0x811c9dc5 ^ length;
  let h2 = 0x9747b28c ^ length;
  for (let i = 0; i < length; i++) {
    const w = bits[i] as number;
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  return { hi: h1 >>> 0, lo: (h2 ^ (h2 >>> 13)) >>> 0 };
}
