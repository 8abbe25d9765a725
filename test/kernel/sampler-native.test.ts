/**
 * The native sampler kernels (src/kernel/native/sampler.cc) against their JS definitions, bit for bit: the
 * embedding fast path, per-vector stats and the near-duplicate search. Floats are compared by their bits, so -0
 * vs 0 and NaN payloads count. Without the addon the native halves are skipped; the JS-vs-definition checks run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadNativeKernel, nativeSampler } from '../../src/kernel/native-binding.js';
import { seededRandom } from '../../src/random.js';
import { EmbeddingParser, type EmbeddingParse } from '../../src/sampler/input/embedding-parse.js';
import {
  SIGNATURE_WORDS, makeProjector, maxHammingFor, nearDuplicateRows, signature,
  type NearDuplicateInput, type NearDuplicateOptions, type SrpProjector,
} from '../../src/sampler/detectors/near-duplicate.js';
import { NON_FINITE, VectorStats, ZERO } from '../../src/sampler/detectors/vector-stats.js';
import { isZeroVector, l2Norm, vectorHash } from '../../src/sampler/detectors/vector.js';
import {
  AFTER_CELL, MALFORMED, SPACING, SPELLINGS, TOKENS, clusteredRows, digitRunCell, plantedInput, spelledCell, specialRows,
  type PlantedOptions,
} from './sampler-cases.js';

const NATIVE = nativeSampler();
if (!NATIVE) {
  const why = process.env.VECSTAGE_KERNEL === 'js' ? 'VECSTAGE_KERNEL=js'
    : `${loadNativeKernel().error ?? 'the addon was built before the sampler kernels'}; run node src/kernel/native/build.js`;
  console.log(`  sampler-native: native halves skipped: ${why}`);
}

/**
 * Selects the JS path of VectorStats and nearDuplicateRows. Not `undefined`: their `native` parameter defaults to
 * nativeSampler(), and a default applies to an explicit undefined too, so undefined would run the native code
 * again. Both test `if (native)`, so a falsy value that is not undefined runs their JS.
 */
const JS = false as unknown as undefined;

// ---- bit comparison ----

function words(a: Float32Array | Float64Array | Uint32Array, n = a.length): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, n * (a.BYTES_PER_ELEMENT / 4));
}

/** The first difference between two word arrays, as `index: hex vs hex`, or undefined when equal. */
function wordDiff(a: Uint32Array, b: Uint32Array): string | undefined {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return `word ${i}: 0x${a[i]!.toString(16)} vs 0x${b[i]!.toString(16)}`;
  }
  return undefined;
}

function assertSameBits(got: Uint32Array, want: Uint32Array, label: () => string): void {
  const diff = wordDiff(got, want);
  if (diff) assert.unreachable(`${label()}: ${diff}`);
}

test('the bit comparison sees -0 vs 0, NaN payloads and one flipped bit', () => {
  const f = Float32Array.of(0, 1.5, NaN);
  const g = f.slice();
  assert.is(wordDiff(words(f), words(g)), undefined);
  g[0] = -0;
  assert.is(wordDiff(words(f), words(g)), 'word 0: 0x0 vs 0x80000000');
  const nan = new Float64Array([NaN]);
  const payload = nan.slice();
  words(payload)[0] = 1;
  assert.ok(wordDiff(words(nan), words(payload)));
  const u = Uint32Array.of(1, 2, 3);
  const flipped = u.slice();
  flipped[2] = flipped[2]! ^ 4;
  assert.ok(wordDiff(u, flipped));
});

// ---- EmbeddingParser ----

interface CountedParser {
  parser: EmbeddingParser;
  cells: number;
  /** cells parseBytes finished on its fast path, without calling parse() */
  fast: number;
  /** parse() calls */
  slow: number;
}

/** parseBytes calls this.parse() for what its fast path leaves; counting those calls shows the fast path ran. */
function counted(parser: EmbeddingParser): CountedParser {
  const c = { parser, cells: 0, fast: 0, slow: 0 };
  const parse = parser.parse.bind(parser);
  parser.parse = (s: string) => {
    c.slow++;
    return parse(s);
  };
  return c;
}

/** One parser per path, reused across cells as the sampler reuses its scratch buffer. */
function parsers() {
  return {
    str: new EmbeddingParser(false),
    js: counted(new EmbeddingParser(false)),
    native: NATIVE ? counted(new EmbeddingParser(NATIVE)) : undefined,
  };
}
type Parsers = ReturnType<typeof parsers>;

/** parseBytes on bytes[start, end) (JS, and native when built) gives parse()'s result and values, bit for bit. */
function checkBytes(p: Parsers, bytes: Buffer, start: number, end: number, where: string): void {
  const text = bytes.toString('utf8', start, end);
  const label = (path: string) => () => `${path} ${where} [${start}, ${end}) of ${bytes.length}: ${JSON.stringify(text.slice(0, 120))}`;
  const want = p.str.parse(text);
  const wantBits = want.ok ? words(p.str.values, want.length).slice() : undefined;
  const check = (path: string, c: CountedParser): void => {
    const slow = c.slow;
    const got: EmbeddingParse = c.parser.parseBytes(bytes, start, end);
    c.cells++;
    if (c.slow === slow) c.fast++;
    if (JSON.stringify(got) !== JSON.stringify(want)) assert.unreachable(`${label(path)()}: ${JSON.stringify(got)} vs parse() ${JSON.stringify(want)}`);
    if (got.ok && wantBits) assertSameBits(words(c.parser.values, got.length), wantBits, label(path));
  };
  check('js', p.js);
  if (p.native) check('native', p.native);
}

/** Not vacuous: both fast paths finished at least `share` of the cells themselves. */
function assertFastPathRan(p: Parsers, share: number): void {
  for (const [path, c] of [['js', p.js], ['native', p.native]] as const) {
    if (c) assert.ok(c.fast >= share * c.cells, `${path} fast path finished ${c.fast} of ${c.cells} cells, expected at least ${share * 100}%`);
  }
}

/**
 * A cell where the CSV scanner would find it: alone in its Buffer (a pooled slice ending at the cell), after a
 * prefix and before each delimiter of AFTER_CELL (the digit loops read past `end`), and as a subarray view whose
 * parent buffer goes on with digits.
 */
function checkCell(p: Parsers, cell: string): void {
  const len = Buffer.byteLength(cell);
  checkBytes(p, Buffer.from(cell), 0, len, 'alone');
  for (const after of AFTER_CELL) checkBytes(p, Buffer.from(`7,"${cell}${after}`), 3, 3 + len, `before ${JSON.stringify(after)}`);
  checkBytes(p, Buffer.from(`12${cell}345]`).subarray(2, 2 + len), 0, len, 'view');
}

test('EmbeddingParser: random vectors in every spelling (toString, toFixed 0-9, toPrecision 1-21, exponents, +, leading zeros)', () => {
  const p = parsers();
  const rng = seededRandom(1);
  for (let round = 0; round < 20; round++) for (const spell of SPELLINGS) checkCell(p, spelledCell(rng, spell));
  // every spelling mixed within one vector
  for (let round = 0; round < 100; round++) {
    const cell = `[${SPELLINGS.map((s) => s((rng() * 2 - 1) * 10 ** Math.floor(rng() * 20 - 10))).join(', ')}]`;
    checkCell(p, cell);
  }
  assertFastPathRan(p, 0.4);
});

test('EmbeddingParser: hand-picked tokens (signs, -0, long digit runs, 1e22/1e23, float32 max, min, subnormals)', () => {
  const p = parsers();
  for (const t of TOKENS) {
    checkCell(p, `[${t}]`);
    checkCell(p, `[${t},${t}]`);
    checkCell(p, `[ 1, ${t} ]`);
    if (!t.startsWith('-') && !t.startsWith('+')) checkCell(p, `[-${t}]`);
  }
  checkCell(p, `[${TOKENS.join(',')}]`);
  const rng = seededRandom(2);
  for (let round = 0; round < 600; round++) {
    const picked = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => TOKENS[Math.floor(rng() * TOKENS.length)]);
    checkCell(p, `[${picked.join(', ')}]`);
  }
  assertFastPathRan(p, 0.2);
});

test('EmbeddingParser: random digit runs of 1-30 digits in the integer and fraction parts, with exponents', () => {
  const p = parsers();
  const rng = seededRandom(3);
  for (let round = 0; round < 3000; round++) checkCell(p, digitRunCell(rng));
  assertFastPathRan(p, 0.03);
});

test('EmbeddingParser: whitespace, empty arrays and malformed cells get parse()\'s result and message', () => {
  const p = parsers();
  for (const cell of [...SPACING, ...MALFORMED]) checkCell(p, cell);
  // a cell that ends inside a number, an exponent, whitespace or after a comma, with the rest right after it
  const cuts = [['[1,2', '3]'], ['[1e', '5]'], ['[1.', '5]'], ['[1 ', ' ]'], ['[1,', '2]'], ['[1', ',2]'], ['[', '1]'], ['[-', '1]']] as const;
  for (const [cell, rest] of cuts) checkBytes(p, Buffer.from(`${cell}${rest}`), 0, cell.length, `cut before ${JSON.stringify(rest)}`);
  // empty cells
  checkBytes(p, Buffer.from('a,,b'), 2, 2, 'empty');
  checkBytes(p, Buffer.from('[1]'), 3, 3, 'empty at the end');
});

test('EmbeddingParser: vectors longer than the 1024-value scratch buffer (the growth path)', () => {
  const rng = seededRandom(4);
  for (const n of [1023, 1024, 1025, 2048, 2049, 5000]) {
    // 9 significant digits (a float32's round trip): 17-digit spellings would leave the fast path, where the growth is
    const cell = `[${Array.from({ length: n }, () => Math.fround(rng() * 2 - 1).toPrecision(9)).join(',')}]`;
    checkCell(parsers(), cell);
    // the first cell fits, the second does not: the grown buffer keeps working for the next, shorter cells
    const p = parsers();
    checkCell(p, '[1,2,3]');
    checkCell(p, cell);
    checkCell(p, '[-0,4]');
    checkCell(p, `${cell.slice(0, -1)}, 1e400]`);
    assertFastPathRan(p, 0.7);
  }
});

// ---- VectorStats ----

const DIMS = [1, 2, 7, 8, 9, 16, 100, 768, 1536];
const ROWS = 40;

interface StatsOut {
  norm: Float64Array;
  flags: Uint8Array;
  vhHi: Uint32Array;
  vhLo: Uint32Array;
  sigs: Uint32Array;
}

/** Every bit difference in the first `rows` rows, as `row r field: native vs JS` in hex (none when identical). */
function statsDiffs(got: StatsOut, want: StatsOut, rows: number): string[] {
  const out: string[] = [];
  const hex = (w: Uint32Array): string => Array.from(w, (x) => `0x${x.toString(16).padStart(8, '0')}`).join(' ');
  const f64 = (a: Float64Array, r: number): string => {
    const [lo, hi] = words(a.subarray(r, r + 1));
    return `0x${hi!.toString(16).padStart(8, '0')}${lo!.toString(16).padStart(8, '0')} (${a[r]})`;
  };
  const field = (r: number, name: string, a: Uint32Array, b: Uint32Array): void => {
    if (wordDiff(a, b)) out.push(`row ${r} ${name}: ${name === 'norm' ? `${f64(got.norm, r)} vs ${f64(want.norm, r)}` : `${hex(a)} vs ${hex(b)}`}`);
  };
  for (let r = 0; r < rows; r++) {
    field(r, 'norm', words(got.norm.subarray(r, r + 1)), words(want.norm.subarray(r, r + 1)));
    field(r, 'flags', Uint32Array.of(got.flags[r]!), Uint32Array.of(want.flags[r]!));
    field(r, 'vhHi', got.vhHi.subarray(r, r + 1), want.vhHi.subarray(r, r + 1));
    field(r, 'vhLo', got.vhLo.subarray(r, r + 1), want.vhLo.subarray(r, r + 1));
    field(r, 'sigs', got.sigs.subarray(r * SIGNATURE_WORDS, (r + 1) * SIGNATURE_WORDS), want.sigs.subarray(r * SIGNATURE_WORDS, (r + 1) * SIGNATURE_WORDS));
  }
  return out;
}

/** Fails with the count per field and the first few differences, so one run shows how far a mismatch reaches. */
function assertNoDiffs(diffs: string[], what: string): void {
  if (diffs.length === 0) return;
  const perField = new Map<string, number>();
  for (const d of diffs) {
    const name = / (norm|flags|vhHi|vhLo|sigs): /.exec(d)?.[1] ?? '?';
    perField.set(name, (perField.get(name) ?? 0) + 1);
  }
  const counts = [...perField].map(([k, n]) => `${k} ${n}`).join(', ');
  assert.unreachable(`${what}: ${diffs.length} differences, native vs JS (${counts}); first:\n    ${diffs.slice(0, 6).join('\n    ')}`);
}

/** specialRows as a view with a byteOffset (vectorHash reads the bytes through values.byteOffset). */
function statsInput(dim: number, seed: number): Float32Array {
  const n = dim + 5 + ROWS * dim; // enough for the largest offset
  const all = new Float32Array(3 + n);
  all.set(specialRows(Math.ceil(n / dim), dim, seed).subarray(0, n), 3);
  return all.subarray(3);
}

function offsetsFor(dim: number): number[] {
  return [0, 1, 5, dim + 5];
}

if (NATIVE) {
  test('VectorStats: native = JS (norm bits, flags, hash, signature) for dims 1-1536, rows 1-40, four offsets', () => {
    const diffs: string[] = [];
    for (const dim of DIMS) {
      const values = statsInput(dim, 10 + dim);
      for (const nearDuplicate of [true, false]) {
        // capacity 1 grows on the first call; 64 does not; both are reused, so stale rows are in the arrays
        const native = new VectorStats(dim, nearDuplicate, nearDuplicate ? 1 : 64, NATIVE);
        const js = new VectorStats(dim, nearDuplicate, nearDuplicate ? 1 : 64, JS);
        for (const offset of offsetsFor(dim)) {
          for (let rows = 1; rows <= ROWS; rows++) {
            native.compute(values, offset, rows);
            js.compute(values, offset, rows);
            const at = `dim ${dim} offset ${offset} rows ${rows} nearDuplicate ${nearDuplicate}`;
            diffs.push(...statsDiffs(native, js, rows).map((d) => `${at} ${d}`));
          }
        }
      }
    }
    assertNoDiffs(diffs, 'VectorStats over special rows');
  });

  test('VectorStats: native = JS on a vector with two different NaN payloads (the norm\'s NaN bits)', () => {
    // l2Norm's `s += v * v` keeps the later NaN in V8 (every tier); a C `s += x * x` on x86 keeps the earlier one.
    // Nine copies: rows 0-7 take the 8-row path (when built with AVX-512), row 8 the one-row path.
    const one = Float32Array.of(1, 0, 0, 1);
    words(one)[1] = 0x7fc00001;
    words(one)[2] = 0x7fc00002;
    const v = new Float32Array(9 * 4);
    for (let r = 0; r < 9; r++) v.set(one, r * 4);
    const native = new VectorStats(4, true, 9, NATIVE);
    const js = new VectorStats(4, true, 9, JS);
    native.compute(v, 0, 9);
    js.compute(v, 0, 9);
    assertNoDiffs(statsDiffs(native, js, 9), 'VectorStats of 9 x [1, NaN 0x7fc00001, NaN 0x7fc00002, 1]');
  });
}

/** The SRP definition: plane by plane, +1 entries then -1 entries in index order; bit p when the sum is > 0. */
function planeByPlane(proj: SrpProjector, v: Float32Array): Uint32Array {
  const out = new Uint32Array(SIGNATURE_WORDS);
  proj.planes.forEach((idx, p) => {
    const split = proj.splits[p]!;
    let sum = 0;
    for (let k = 0; k < idx.length; k++) sum = k < split ? sum + v[idx[k]!]! : sum - v[idx[k]!]!;
    if (sum > 0) out[p >>> 5] = (out[p >>> 5]! | (1 << (p & 31))) >>> 0;
  });
  return out;
}

test('VectorStats JS = the single-vector definitions (isZeroVector, l2Norm, vectorHash, signature, plane by plane)', () => {
  for (const dim of DIMS) {
    const values = statsInput(dim, 10 + dim);
    const proj = makeProjector(dim);
    for (const nearDuplicate of [true, false]) {
      const js = new VectorStats(dim, nearDuplicate, 1, JS);
      for (const offset of offsetsFor(dim)) {
        js.compute(values, offset, ROWS);
        for (let r = 0; r < ROWS; r++) {
          const v = values.slice(offset + r * dim, offset + (r + 1) * dim);
          const label = () => `dim ${dim} offset ${offset} row ${r} nearDuplicate ${nearDuplicate}`;
          const zero = isZeroVector(v, dim);
          assert.is(zero, v.every((x) => x === 0), `${label()} isZeroVector`);
          const flags = (zero ? ZERO : 0) | (v.every(Number.isFinite) ? 0 : NON_FINITE);
          assert.is(js.flags[r], flags, `${label()} flags`);
          // a NaN norm is stored canonical (its payload would depend on the order of additions)
          const norm = l2Norm(v, dim);
          assertSameBits(words(js.norm.subarray(r, r + 1)), words(Float64Array.of(Number.isNaN(norm) ? NaN : norm)), () => `${label()} norm`);
          const vh = vectorHash(v, dim);
          assert.equal([js.vhHi[r], js.vhLo[r]], [vh.hi, vh.lo], `${label()} vectorHash`);
          const sig = new Uint32Array(SIGNATURE_WORDS);
          if (nearDuplicate && !zero) {
            signature(proj, v, sig, 0);
            assertSameBits(sig, planeByPlane(proj, v), () => `${label()} signature vs plane by plane`);
          }
          assertSameBits(js.sigs.subarray(r * SIGNATURE_WORDS, (r + 1) * SIGNATURE_WORDS), sig, () => `${label()} signature`);
        }
      }
    }
  }
});

// ---- nearDuplicateRows ----

/**
 * The definition, written plainly: rows not flagged zero, ranked by (keyHi, keyLo) then row; per signature word,
 * buckets of equal words in that rank order; the first maxBucket members of a bucket compared pairwise; pairs with
 * equal vector hashes skipped; Hamming distance <= maxHammingFor(cosine) tags both rows.
 */
function nearDuplicateDefinition(input: NearDuplicateInput, opts: NearDuplicateOptions): number[] {
  const { sigs, count, zero, vhHi, vhLo, keyHi, keyLo } = input;
  const W = SIGNATURE_WORDS;
  const maxH = maxHammingFor(opts.cosine);
  const ranked = Array.from({ length: count }, (_, r) => r)
    .filter((r) => zero[r] !== 1)
    .sort((a, b) => keyHi[a]! - keyHi[b]! || keyLo[a]! - keyLo[b]! || a - b);
  const popcount = (x: number): number => {
    let n = 0;
    for (let y = x >>> 0; y !== 0; y = (y & (y - 1)) >>> 0) n++;
    return n;
  };
  const tagged = new Set<number>();
  for (let w = 0; w < W; w++) {
    const buckets = new Map<number, number[]>();
    for (const r of ranked) {
      const word = sigs[r * W + w]!;
      const bucket = buckets.get(word);
      if (bucket) bucket.push(r);
      else buckets.set(word, [r]);
    }
    for (const bucket of buckets.values()) {
      const members = bucket.slice(0, opts.maxBucket);
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i]!, b = members[j]!;
          if (vhHi[a] === vhHi[b] && vhLo[a] === vhLo[b]) continue;
          let h = 0;
          for (let k = 0; k < W; k++) h += popcount((sigs[a * W + k]! ^ sigs[b * W + k]!) >>> 0);
          if (h <= maxH) tagged.add(a).add(b);
        }
      }
    }
  }
  return [...tagged].sort((a, b) => a - b);
}

const SCENARIOS: [string, PlantedOptions][] = [
  ['few bases, few flips, distinct keys', { count: 1500, bases: 40, maxFlips: 12, sharedWords: 0, keyRange: 2 ** 32 }],
  ['many flips, equal keys', { count: 1500, bases: 20, maxFlips: 60, sharedWords: 0, keyRange: 3 }],
  ['one word shared by every row (one big bucket)', { count: 1200, bases: 60, maxFlips: 20, sharedWords: 1, keyRange: 50 }],
  ['three shared words, one key', { count: 600, bases: 200, maxFlips: 8, sharedWords: 3, keyRange: 1 }],
  ['no rows', { count: 0, bases: 1, maxFlips: 0, sharedWords: 0, keyRange: 1 }],
  ['two rows', { count: 2, bases: 1, maxFlips: 3, sharedWords: 0, keyRange: 1 }],
];
const COSINES = [0.9, 0.99, 1];
const MAX_BUCKETS = [1, 2, 3, 8, Infinity];

/** [scenario, cosine, maxBucket] cases; an unbounded bucket only where it stays cheap (no input-wide bucket). */
function nearDuplicateCases(): { label: string; input: NearDuplicateInput; opts: NearDuplicateOptions }[] {
  const cases = [];
  for (const [s, [name, o]] of SCENARIOS.entries()) {
    const input = plantedInput(20 + s, o);
    for (const cosine of COSINES) {
      for (const maxBucket of MAX_BUCKETS) {
        if (maxBucket === Infinity && o.sharedWords > 0 && cosine !== 0.9) continue;
        cases.push({ label: `${name}, cosine ${cosine}, maxBucket ${maxBucket}`, input, opts: { cosine, maxBucket } });
      }
    }
  }
  return cases;
}

const CLUSTERED = { dim: 48, count: 1500 };

/** VectorStats of clustered vectors (with exact copies and zero rows), in JS or native. */
function clusteredStats(native: typeof NATIVE): VectorStats {
  const { dim, count } = CLUSTERED;
  const stats = new VectorStats(dim, true, count, native);
  stats.compute(clusteredRows(count, dim, 30, 30), 0, count);
  return stats;
}

/** A realistic near-duplicate input: pass 1's arrays from those stats, random selection keys. */
function clusteredInput(stats: VectorStats): NearDuplicateInput {
  const { count } = CLUSTERED;
  const rng = seededRandom(31);
  const key = () => Uint32Array.from({ length: count }, () => Math.floor(rng() * 2 ** 32));
  const zero = Uint8Array.from(stats.flags.subarray(0, count), (f) => f & ZERO);
  return { sigs: stats.sigs, count, zero, vhHi: stats.vhHi, vhLo: stats.vhLo, keyHi: key(), keyLo: key() };
}

if (NATIVE) {
  test('nearDuplicateRows: native = JS on planted near and exact duplicates, zero rows, equal keys, maxBucket 1-8 and unbounded', () => {
    for (const { label, input, opts } of nearDuplicateCases()) {
      assert.equal(nearDuplicateRows(input, opts, NATIVE), nearDuplicateRows(input, opts, JS), label);
    }
  });

  test('nearDuplicateRows: native = JS on clustered vectors, stats and search both native vs both JS', () => {
    const native = clusteredStats(NATIVE);
    const js = clusteredStats(JS);
    assertNoDiffs(statsDiffs(native, js, CLUSTERED.count), 'VectorStats of clustered vectors');
    for (const cosine of [0.9, 0.95, 0.99, 1]) {
      for (const maxBucket of [2, 16, 64]) {
        const opts = { cosine, maxBucket };
        assert.equal(nearDuplicateRows(clusteredInput(native), opts, NATIVE), nearDuplicateRows(clusteredInput(js), opts, JS), `cosine ${cosine} maxBucket ${maxBucket}`);
      }
    }
  });
}

test('nearDuplicateRows JS = the plain bucket-by-word definition (planted and clustered inputs)', () => {
  for (const { label, input, opts } of nearDuplicateCases()) {
    assert.equal(nearDuplicateRows(input, opts, JS), nearDuplicateDefinition(input, opts), label);
  }
  const input = clusteredInput(clusteredStats(JS));
  for (const cosine of [0.9, 0.99]) {
    const opts = { cosine, maxBucket: 16 };
    const rows = nearDuplicateRows(input, opts, JS);
    // not vacuous: clusters tag some rows, not all
    assert.ok(rows.length > 20 && rows.length < input.count - 20, `clustered cosine ${cosine}: ${rows.length} of ${input.count} tagged`);
    assert.equal(rows, nearDuplicateDefinition(input, opts), `clustered cosine ${cosine}`);
  }
});

test.run();
