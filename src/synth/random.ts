/**
 * Seeded randomness for the generator. Every row draws from its own stream, keyed by (seed, stream), so a row's
 * content never depends on how many numbers other rows consumed: output is identical however it is chunked.
 * Default generator: xoshiro128** (Blackman & Vigna), seeded through splitmix32 (32-bit integer maths only).
 */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
}

/** Injectable: returns an independent stream for (seed, stream). */
export type RandomFactory = (seed: number, stream: number) => Random;

export const xoshiro128: RandomFactory = (seed, stream) => {
  // splitmix32 over a key built from both halves of the (up to 53-bit) stream number and the seed
  let x = mix32(mix32(seed >>> 0) ^ mix32((stream >>> 0) + 0x9e3779b9) ^ mix32(Math.floor(stream / 0x100000000) + 0x7f4a7c15));
  const split = (): number => {
    x = (x + 0x9e3779b9) | 0;
    return mix32(x);
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  if ((a | b | c | d) === 0) a = 1;
  return {
    next() {
      const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return (r >>> 0) / 0x100000000;
    },
  };
};

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** murmur3's fmix32 finaliser: a full-avalanche 32-bit mix. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** an integer in [0, n) */
export function randomInt(r: Random, n: number): number {
  return Math.floor(r.next() * n);
}

/** a standard normal value (Box-Muller; one of the pair is discarded, callers that need many use gaussianFill) */
export function gaussian(r: Random): number {
  const u = 1 - r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/** fills `out` with standard normal values times `scale` (Box-Muller, both values of each pair used) */
export function gaussianFill(r: Random, out: Float64Array, scale = 1): void {
  for (let i = 0; i < out.length; i += 2) {
    const rad = scale * Math.sqrt(-2 * Math.log(1 - r.next()));
    const ang = 2 * Math.PI * r.next();
    out[i] = rad * Math.cos(ang);
    if (i + 1 < out.length) out[i + 1] = rad * Math.sin(ang);
  }
}

/** picks an index with probability proportional to weights (given as a cumulative array ending at the total) */
export function pickCumulative(r: Random, cumulative: ArrayLike<number>): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const u = r.next() * total;
  for (let i = 0; i < cumulative.length; i++) if (u < (cumulative[i] ?? 0)) return i;
  return cumulative.length - 1;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (out[i] = s += w));
  return out;
}

/** in-place Fisher-Yates shuffle */
export function shuffle(r: Random, a: Int32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(r, i + 1);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}
