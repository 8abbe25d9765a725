/**
 * Seeded inputs for sampler-native.test.ts: embedding cells spelled many ways, vectors with special values, and
 * near-duplicate inputs with planted structure. Everything comes from seededRandom, so every run sees the same.
 */
import { seededRandom, type Random } from '../../src/random.js';
import { SIGNATURE_WORDS, type NearDuplicateInput } from '../../src/sampler/detectors/near-duplicate.js';

// ---- embedding cells ----

/** A double spread over magnitudes 1e-12..1e12 (a third of them rounded to float32 first, as exported floats are). */
function randomValue(rng: Random): number {
  const x = (rng() * 2 - 1) * 10 ** Math.floor(rng() * 25 - 12);
  return rng() < 0.33 ? Math.fround(x) : x;
}

/** Every way a writer might print a number: JS toString, fixed, precision and exponent forms, E, +, leading zeros. */
export const SPELLINGS: ((x: number) => string)[] = [
  (x) => String(x),
  (x) => String(Math.fround(x)),
  ...Array.from({ length: 10 }, (_, d) => (x: number) => x.toFixed(d)),
  ...Array.from({ length: 21 }, (_, p) => (x: number) => x.toPrecision(p + 1)),
  ...[0, 3, 8, 16, 20].map((d) => (x: number) => x.toExponential(d)),
  (x) => x.toExponential(6).replace('e', 'E'),
  (x) => x.toExponential(4).replace('e+', 'e'),
  (x) => (x < 0 ? x.toPrecision(9) : `+${x.toPrecision(9)}`),
  (x) => String(x).replace(/^(-?)/, '$1000'),
];

/** A random vector printed with one spelling and random separators and whitespace. */
export function spelledCell(rng: Random, spell: (x: number) => string): string {
  const n = 1 + Math.floor(rng() * 12);
  const seps = [',', ', ', ' ,', ',\n', '\t,\t', ' , '];
  const parts = Array.from({ length: n }, () => spell(randomValue(rng)));
  const sep = seps[Math.floor(rng() * seps.length)] as string;
  return rng() < 0.5 ? `[${parts.join(sep)}]` : ` \n[ ${parts.join(sep)}\t]\r\n`;
}

/** Hand-picked number tokens: signs, zeros, leading zeros, digit runs around 8/15/17/19 digits, float32 limits. */
export const TOKENS = [
  '0', '-0', '+0', '-0.0', '0.0', '-0.000000', '+1', '-1', '1', '0001.5', '-0001.5', '+0001.5', '000', '0.5', '00.5',
  '1e22', '1e23', '1e-22', '1e-23', '-1e22', '1E22', '1e+22', '1e-0', '1e+0', '1E-05', '1e00000022', '1e0000000000000000000001',
  '9e22', '9.9e21', '123e20', '123e-25', '1e1000000', '1e-1000000', '0e999999999', '0e-999999999', '5e-324', '1e308', '1e309',
  '12345678', '123456789', '1234567890123456', '12345678901234567', '123456789012345678', '1234567890123456789',
  '12345678901234567890', '123456789012345678901234567890', '0.12345678', '0.123456789', '0.1234567890123456',
  '0.12345678901234567', '0.123456789012345678', '0.12345678901234567890123', '1234567890.1234567890',
  '000000000000000000001', '0.000000000000000000000000000001', '1.00000000000000000000000000001', '99999999999999999999999',
  '9007199254740991', '9007199254740992', '9007199254740993', '90071992547409919', '900719925474099.1', '9007199254740991e-5',
  '9007199254740992e-5', '9007199254740991e22', '9007199254740991e-22', '4503599627370497.5', '0.30000000000000004',
  '3.4028234663852886e38', '3.4028235e38', '3.4028235677973366e38', '3.4028235677973362e38', '3.5e38', '-3.4028235e38', '1e39',
  '340282346638528859811704183484516925440', '340282356779733661637539395458142568448',
  '1.1754943508222875e-38', '1.1754942e-38', '1.401298464324817e-45', '1e-45', '7e-46', '7.006492321624085e-46',
  '7.1e-46', '2.5e-45', '1e-50', '-1e-50', '0.00000000000000000000000000000000000001175494',
  '16777217', '16777216.5', '33554435', '0.1', '0.2', '1.5', '2.5', '1e7', '1e-7', '1.0000000596046448', '1.0000000596046447',
];

/** Cells that parse() rejects (or accepts only on its slow path): the fast paths must hand them over unchanged. */
export const MALFORMED = [
  '', ' ', '[', ']', '[1,2', '[1, 2', '1,2', '1,2]', '[1 2]', '[1\t2]', '[1 -2]', '[1.]', '[.5]', '[-.5]', '[+.5]', '[1e]',
  '[1e+]', '[1e-]', '[1E]', '[NaN]', '[-NaN]', '[Infinity]', '[-Infinity]', '[+Infinity]', '[1, Infinity]', '[NaN, 1]', '[null]',
  '[1, null]', '[1, ...]', '[..., 1]', '[0.1, …]', '[1,,2]', '[,1]', '[,]', '[1,]', '[1,2,]', '[1, 2, ]', '[-]', '[+]', '[--1]',
  '[+-1]', '[1.e5]', '[1.2.3]', '[1e5.5]', '[0x10]', '[1_000]', '[1]]', '[[1]]', '[1] x', '[1]x', '[1] [2]', '[1;2]', '["1"]',
  '[true]', '[nan]', '(1,2)', '{1}', '[１]', '[1,"2"]', '[1e5e5]', '[1-2]', '[1+2]', '[1,2]\u00a0', '[\u00a01]', 'x[1]',
];

/** Blank and empty arrays, whitespace around values and brackets. */
export const SPACING = [
  '[]', '[ ]', ' [] ', '[\n]', '\t[\t]\t', '\r\n[\r\n]\r\n', '[1]', ' [1] ', '[ 1 ]', '[\t1\t,\t2\t]', '\n[\n1\n,\n2\n]\n',
  '[1 ,2]', '[1, 2]', '[1 , 2]', '  [  -0.5  ,  +0.25  ]  ', '[0]', '[-0]',
];

/** Random digit strings: integer and fraction runs of 0-30 digits (leading zeros included), optional exponent. */
export function digitRunCell(rng: Random): string {
  const run = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
  const tokens = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => {
    const int = run(1 + Math.floor(rng() * 30));
    const frac = rng() < 0.7 ? `.${run(1 + Math.floor(rng() * 30))}` : '';
    const exp = rng() < 0.4 ? `e${rng() < 0.5 ? '-' : rng() < 0.5 ? '+' : ''}${Math.floor(rng() * 40)}` : '';
    return `${rng() < 0.3 ? '-' : ''}${int}${frac}${exp}`;
  });
  return `[${tokens.join(',')}]`;
}

/** Bytes after a cell in a larger buffer: a quote, delimiters, a digit (read past `end` by the digit loops), nothing. */
export const AFTER_CELL = ['"', ',', '7', '\n', 'e5', '.5', ' ', ']', '-', ''];

// ---- vectors ----

const ROW_KINDS = [
  'uniform', 'sparse', 'zero', 'negative-zero', 'mixed-zero', 'nan', 'inf', 'both-infs', 'tiny', 'huge', 'subnormal',
  'random-bits', 'constant', 'mixed-magnitude', 'repeat', 'one-hot',
] as const;

/** `rows` vectors of `dim` back to back, each of a kind chosen at random: zeros, -0, NaN payloads, infinities, extremes. */
export function specialRows(rows: number, dim: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const out = new Float32Array(rows * dim);
  const bits = new Uint32Array(out.buffer);
  for (let r = 0; r < rows; r++) {
    const kind = ROW_KINDS[Math.floor(rng() * ROW_KINDS.length)] as (typeof ROW_KINDS)[number];
    const at = r * dim;
    const pick = (): number => at + Math.floor(rng() * dim);
    const fill = (f: () => number): void => {
      for (let i = 0; i < dim; i++) out[at + i] = f();
    };
    if (kind === 'zero') continue;
    if (kind === 'negative-zero') fill(() => -0);
    else if (kind === 'mixed-zero') fill(() => (rng() < 0.5 ? -0 : 0));
    else if (kind === 'sparse') fill(() => (rng() < 0.8 ? 0 : rng() * 2 - 1));
    else if (kind === 'tiny') fill(() => (rng() * 2 - 1) * 1e-30);
    else if (kind === 'huge') fill(() => (rng() * 2 - 1) * 3.4e38);
    else if (kind === 'subnormal') for (let i = 0; i < dim; i++) bits[at + i] = (rng() < 0.5 ? 0x80000000 : 0) | Math.floor(rng() * 0x7fffff);
    else if (kind === 'random-bits') for (let i = 0; i < dim; i++) bits[at + i] = Math.floor(rng() * 2 ** 32);
    else if (kind === 'constant') fill(() => 0.5);
    else if (kind === 'mixed-magnitude') fill(() => (rng() * 2 - 1) * 10 ** Math.floor(rng() * 60 - 30));
    else if (kind === 'repeat' && r > 0) out.copyWithin(at, at - dim, at);
    else if (kind === 'one-hot') out[pick()] = rng() < 0.5 ? -1e-3 : 7;
    else fill(() => rng() * 2 - 1);
    // a quiet or signalling NaN with a random payload and sign, or infinities, at random places
    if (kind === 'nan') bits[pick()] = (rng() < 0.5 ? 0x80000000 : 0) | 0x7f800000 | (1 + Math.floor(rng() * 0x7ffffe));
    if (kind === 'inf') out[pick()] = rng() < 0.5 ? Infinity : -Infinity;
    if (kind === 'both-infs') {
      out[pick()] = Infinity;
      out[pick()] = -Infinity;
    }
  }
  return out;
}

/** `rows` vectors around `centers` cluster centres (noise scale varies per row), with exact copies and zero rows. */
export function clusteredRows(rows: number, dim: number, centers: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const c = Float32Array.from({ length: centers * dim }, () => rng() * 2 - 1);
  const out = new Float32Array(rows * dim);
  const noise = [0.0005, 0.005, 0.03, 0.2, 1];
  for (let r = 0; r < rows; r++) {
    const u = rng();
    if (u < 0.03) continue;
    if (u < 0.1 && r > 0) {
      const from = Math.floor(rng() * r);
      out.copyWithin(r * dim, from * dim, (from + 1) * dim);
      continue;
    }
    const k = Math.floor(rng() * centers);
    const s = noise[Math.floor(rng() * noise.length)] as number;
    for (let i = 0; i < dim; i++) out[r * dim + i] = (c[k * dim + i] as number) + (rng() * 2 - 1) * s;
  }
  return out;
}

// ---- near-duplicate inputs ----

export interface PlantedOptions {
  count: number;
  /** base signatures that rows are copied from */
  bases: number;
  /** up to this many random bit flips per row */
  maxFlips: number;
  /** the first `sharedWords` words are the same in every base: buckets as big as the input */
  sharedWords: number;
  /** selection keys drawn from [0, keyRange): small ranges give many equal keys */
  keyRange: number;
}

/**
 * Signatures copied from a few bases with a few bits flipped, plus exact duplicates (same signature and vector
 * hash), same-signature rows with another hash, hashes equal in one half only, and zero rows (some with a
 * leftover signature, which must still be skipped).
 */
export function plantedInput(seed: number, o: PlantedOptions): NearDuplicateInput {
  const rng = seededRandom(seed);
  const u32 = (): number => Math.floor(rng() * 2 ** 32);
  const W = SIGNATURE_WORDS;
  const bases = Uint32Array.from({ length: o.bases * W }, (_, i) => (i % W < o.sharedWords ? 0x9e3779b9 : u32()));
  const { count } = o;
  const sigs = new Uint32Array(count * W);
  const zero = new Uint8Array(count);
  const vhHi = new Uint32Array(count);
  const vhLo = new Uint32Array(count);
  const key = (): number => (o.keyRange >= 2 ** 32 ? u32() : rng() < 0.05 ? 0xffffffff : Math.floor(rng() * o.keyRange));
  const keyHi = new Uint32Array(count);
  const keyLo = new Uint32Array(count);
  for (let r = 0; r < count; r++) {
    keyHi[r] = key();
    keyLo[r] = key();
    vhHi[r] = u32();
    vhLo[r] = u32();
    const u = rng();
    const from = Math.floor(rng() * Math.max(1, r));
    if (u < 0.05 && r > 0) {
      sigs.copyWithin(r * W, from * W, (from + 1) * W);
      vhHi[r] = vhHi[from] as number;
      vhLo[r] = vhLo[from] as number;
      continue;
    }
    if (u < 0.1 && r > 0) {
      sigs.copyWithin(r * W, from * W, (from + 1) * W);
      if (rng() < 0.5) vhHi[r] = vhHi[from] as number;
      else vhLo[r] = vhLo[from] as number;
      continue;
    }
    if (u < 0.15) {
      zero[r] = 1;
      if (rng() < 0.5) continue;
    }
    const b = Math.floor(rng() * o.bases);
    sigs.set(bases.subarray(b * W, (b + 1) * W), r * W);
    const flips = Math.floor(rng() * (o.maxFlips + 1));
    for (let f = 0; f < flips; f++) {
      const p = Math.floor(rng() * W * 32);
      sigs[r * W + (p >>> 5)] = ((sigs[r * W + (p >>> 5)] as number) ^ (1 << (p & 31))) >>> 0;
    }
  }
  return { sigs, count, zero, vhHi, vhLo, keyHi, keyLo };
}
