import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Metric } from '../../src/config/types.js';
import { VecstageError } from '../../src/errors.js';
import { exactTopK } from '../../src/kernel/index.js';
import type { ExactTopKResult, KernelName } from '../../src/kernel/index.js';
import { availableKernels, randomMatrix } from './kernels.js';

const KERNELS = availableKernels('exact-top-k');
const METRICS: Metric[] = ['cosine', 'ip', 'l2'];

/** An independent float64 brute force: plain sequential sums, a full stable sort. */
function bruteForce(base: Float32Array, n: number, dim: number, queries: Float32Array, m: number, k: number, metric: Metric, mask?: (q: number) => Uint8Array | undefined) {
  const out: { ids: number[]; dists: number[] }[] = [];
  for (let q = 0; q < m; q++) {
    const rows: { i: number; d: number }[] = [];
    const allowed = mask?.(q);
    for (let i = 0; i < n; i++) {
      if (allowed && !allowed[i]) continue;
      let dot = 0, qq = 0, bb = 0, l2 = 0;
      for (let p = 0; p < dim; p++) {
        const a = queries[q * dim + p]!, b = base[i * dim + p]!;
        dot += a * b; qq += a * a; bb += b * b; l2 += (a - b) * (a - b);
      }
      const d = metric === 'l2' ? l2 : metric === 'ip' ? 1 - dot : qq === 0 || bb === 0 ? 1 : 1 - dot / Math.sqrt(qq * bb);
      rows.push({ i, d });
    }
    rows.sort((x, y) => x.d - y.d || x.i - y.i);
    const top = rows.slice(0, k);
    out.push({ ids: top.map((r) => r.i), dists: top.map((r) => r.d) });
  }
  return out;
}

function assertMatches(got: ExactTopKResult, want: ReturnType<typeof bruteForce>, k: number, label: string): void {
  want.forEach((w, q) => {
    for (let r = 0; r < k; r++) {
      const id = got.indices[q * k + r]!;
      const d = got.distances[q * k + r]!;
      if (r >= w.ids.length) {
        assert.is(id, -1, `${label} q${q} rank ${r}: padding index`);
        assert.is(d, Infinity, `${label} q${q} rank ${r}: padding distance`);
        continue;
      }
      assert.is(id, w.ids[r], `${label} q${q} rank ${r}: id`);
      const wd = w.dists[r]!;
      assert.ok(Math.abs(d - wd) <= 1e-6 * Math.max(1, Math.abs(wd)), `${label} q${q} rank ${r}: distance ${d} vs ${wd}`);
    }
  });
}

function run(kernel: KernelName, base: Float32Array, n: number, dim: number, queries: Float32Array, m: number, k: number, metric: Metric, mask?: (q: number) => Uint8Array | undefined) {
  const res = exactTopK(base, n, dim, queries, m, k, metric, { kernel, ...(mask ? { mask } : {}) });
  assert.is(res.kernel, kernel);
  assert.is(res.indices.length, m * k);
  return res;
}

// Shapes chosen to hit every code path: dim below, at and off the SIMD width; m not a multiple of the query
// tile; n large enough for two screening threads; k above n.
const SHAPES = [
  { n: 50, dim: 7, m: 3, k: 10 },
  { n: 300, dim: 32, m: 9, k: 17 },
  { n: 9000, dim: 37, m: 6, k: 25 },
  { n: 20, dim: 16, m: 5, k: 30 },
];

for (const kernel of KERNELS) {
  for (const metric of METRICS) {
    test(`${kernel} ${metric}: equals a float64 brute force on random data`, () => {
      for (const [s, { n, dim, m, k }] of SHAPES.entries()) {
        const base = randomMatrix(n, dim, 100 + s);
        const queries = randomMatrix(m, dim, 200 + s);
        assertMatches(run(kernel, base, n, dim, queries, m, k, metric), bruteForce(base, n, dim, queries, m, k, metric), k, `${kernel} ${metric} ${n}x${dim}`);
      }
    });
  }

  test(`${kernel}: masks restrict each query to its rows; an all-zero mask pads the whole row`, () => {
    const n = 5000, dim = 24, m = 5, k = 12;
    const base = randomMatrix(n, dim, 7);
    const queries = randomMatrix(m, dim, 8);
    const masks = [
      Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      undefined,
      new Uint8Array(n),
      Uint8Array.from({ length: n }, (_, i) => (i > n - 6 ? 1 : 0)),
      Uint8Array.from({ length: n }, (_, i) => (i % 2)),
    ];
    const mask = (q: number) => masks[q];
    for (const metric of METRICS) {
      const got = run(kernel, base, n, dim, queries, m, k, metric, mask);
      assertMatches(got, bruteForce(base, n, dim, queries, m, k, metric, mask), k, `${kernel} ${metric} masked`);
      assert.equal(Array.from(got.indices.subarray(2 * k, 3 * k)), new Array(k).fill(-1), 'all-zero mask');
      assert.equal(Array.from(got.indices.subarray(3 * k + 5, 4 * k)), new Array(k - 5).fill(-1), 'five allowed rows, then padding');
    }
  });

  test(`${kernel}: exact ties come out by index ascending (duplicates, zero vectors, integer data)`, () => {
    const dim = 20;
    const proto = randomMatrix(4, dim, 99);
    const n = 6000;
    // rows cycle through 4 vectors, so every distance is shared by 1500 rows; plus zero rows for cosine
    const base = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) base.set(i % 5 === 4 ? new Float32Array(dim) : proto.subarray((i % 4) * dim, (i % 4 + 1) * dim), i * dim);
    const queries = randomMatrix(3, dim, 5);
    for (const metric of METRICS) {
      const k = 40;
      const got = run(kernel, base, n, dim, queries, 3, k, metric);
      assertMatches(got, bruteForce(base, n, dim, queries, 3, k, metric), k, `${kernel} ${metric} ties`);
    }
  });

  test(`${kernel}: near duplicates below float32 resolution still come out in exact float64 order`, () => {
    // 2000 rows that differ from one vector by up to 3 ulps in one coordinate: below the float32 screen's
    // resolution, so the kernel must notice and fall back to a float64 scan.
    const dim = 64, n = 2000, m = 3, k = 10;
    const proto = randomMatrix(1, dim, 11);
    const base = new Float32Array(n * dim);
    const bits = new Int32Array(base.buffer);
    for (let i = 0; i < n; i++) {
      base.set(proto, i * dim);
      bits[i * dim + (i % dim)]! += ((i * 37) % 7) - 3;
    }
    const queries = randomMatrix(m, dim, 12);
    for (const metric of METRICS) {
      assertMatches(run(kernel, base, n, dim, queries, m, k, metric), bruteForce(base, n, dim, queries, m, k, metric), k, `${kernel} ${metric} near-dup`);
    }
  });

  test(`${kernel}: empty inputs`, () => {
    const base = randomMatrix(10, 4, 1);
    assert.is(run(kernel, base, 10, 4, new Float32Array(0), 0, 5, 'l2').indices.length, 0, 'm = 0');
    assert.is(run(kernel, base, 10, 4, randomMatrix(2, 4, 2), 2, 0, 'l2').indices.length, 0, 'k = 0');
    const none = run(kernel, new Float32Array(0), 0, 4, randomMatrix(2, 4, 2), 2, 3, 'cosine');
    assert.equal(Array.from(none.indices), [-1, -1, -1, -1, -1, -1], 'n = 0 pads');
  });
}

if (KERNELS.includes('native')) {
  test('native and js return identical indices and distances (bit for bit)', () => {
    const n = 12000, dim = 50, m = 11, k = 64;
    const base = randomMatrix(n, dim, 31);
    const queries = randomMatrix(m, dim, 32);
    for (const metric of METRICS) {
      const a = run('native', base, n, dim, queries, m, k, metric);
      const b = run('js', base, n, dim, queries, m, k, metric);
      assert.equal(Array.from(a.indices), Array.from(b.indices), `${metric} indices`);
      assert.equal(Array.from(a.distances), Array.from(b.distances), `${metric} distances`);
    }
  });

  test('native: more queries than one batch (4096), with masks on some, equals js', () => {
    const n = 3000, dim = 8, m = 9000, k = 5;
    const base = randomMatrix(n, dim, 51);
    const queries = randomMatrix(m, dim, 52);
    const mask = (q: number) => (q % 3 === 0 ? Uint8Array.from({ length: n }, (_, j) => (j + q) % 2) : undefined);
    const a = run('native', base, n, dim, queries, m, k, 'l2', mask);
    const b = run('js', base, n, dim, queries, m, k, 'l2', mask);
    assert.equal(Array.from(a.indices), Array.from(b.indices));
    assert.equal(Array.from(a.distances), Array.from(b.distances));
  });

  test('native results do not depend on the thread count', () => {
    const n = 20000, dim = 33, m = 7, k = 50;
    const base = randomMatrix(n, dim, 41);
    const queries = randomMatrix(m, dim, 42);
    const one = exactTopK(base, n, dim, queries, m, k, 'ip', { kernel: 'native', threads: 1 });
    const three = exactTopK(base, n, dim, queries, m, k, 'ip', { kernel: 'native', threads: 3 });
    assert.equal(Array.from(one.indices), Array.from(three.indices));
    assert.equal(Array.from(one.distances), Array.from(three.distances));
  });
}

/** `base` cut into chunks of whole rows at the given row counts (the rest in a last chunk) */
function cut(base: Float32Array, dim: number, rows: number[]): Float32Array[] {
  const out: Float32Array[] = [];
  let at = 0;
  for (const r of rows) {
    out.push(base.subarray(at * dim, (at + r) * dim));
    at += r;
  }
  out.push(base.subarray(at * dim));
  return out;
}

for (const kernel of KERNELS) {
  test(`${kernel}: a base in chunks of whole rows gives the slab's results bit for bit (masks, ties, uneven chunks)`, () => {
    const n = 9001, dim = 37, m = 13, k = 40;
    const base = randomMatrix(n, dim, 61);
    // a duplicate pair across a chunk boundary: its order must still be by row index
    base.copyWithin(4100 * dim, 1 * dim, 2 * dim);
    const queries = randomMatrix(m, dim, 62);
    const mask = (q: number) => (q % 4 === 1 ? Uint8Array.from({ length: n }, (_, j) => (j % 3 === 0 ? 1 : 0)) : undefined);
    // uneven chunks, an empty one, a one-row one, and a tail longer than n needs (ignored past n rows)
    const longer = new Float32Array((n + 5) * dim);
    longer.set(base);
    const chunks = cut(longer, dim, [4096, 0, 1, 3, 2500]);
    for (const metric of METRICS) {
      const slab = run(kernel, base, n, dim, queries, m, k, metric, mask);
      const got = exactTopK(chunks, n, dim, queries, m, k, metric, { kernel, mask });
      assert.equal(Array.from(got.indices), Array.from(slab.indices), `${kernel} ${metric} indices`);
      assert.equal(Array.from(got.distances), Array.from(slab.distances), `${kernel} ${metric} distances`);
    }
    assertMatches(exactTopK(chunks, n, dim, queries, m, k, 'l2', { kernel }), bruteForce(base, n, dim, queries, m, k, 'l2'), k, `${kernel} chunks vs brute force`);
  });
}

test('bad chunked bases are VecstageErrors that say what is allowed', () => {
  const q = randomMatrix(1, 4, 2);
  const cases: [() => unknown, RegExp][] = [
    [() => exactTopK([randomMatrix(3, 4, 1), new Float32Array(6)], 4, 4, q, 1, 2, 'l2'), /invalid base chunk 1: "Float32Array\(6\)".*multiple of dim = 4/],
    [() => exactTopK([randomMatrix(3, 4, 1), randomMatrix(2, 4, 3)], 6, 4, q, 1, 2, 'l2'), /invalid base: "2 chunks of 5 rows".*at least n = 6 rows/],
    [() => exactTopK([new Float64Array(4) as unknown as Float32Array], 1, 4, q, 1, 1, 'l2'), /invalid base chunk 0: "Float64Array\(4\)"/],
  ];
  for (const [fn, re] of cases) {
    try {
      fn();
      assert.unreachable(`expected ${re}`);
    } catch (err) {
      assert.instance(err, VecstageError);
      assert.match((err as Error).message, re);
    }
  }
});

test('bad arguments are VecstageErrors that say what is allowed', () => {
  const base = randomMatrix(10, 4, 1);
  const q = randomMatrix(1, 4, 2);
  const cases: [() => unknown, RegExp][] = [
    [() => exactTopK(base, 11, 4, q, 1, 3, 'l2'), /invalid base: .*at least n x dim = 44/],
    [() => exactTopK(base, 10, 4, q, 2, 3, 'l2'), /invalid queries: .*m x dim = 8/],
    [() => exactTopK(base, 10, 4, q, 1, 3, 'dot' as Metric), /invalid metric: "dot".*cosine, ip, l2/],
    [() => exactTopK(base, 10, 4, q, 1, 1.5, 'l2'), /invalid k: 1.5.*integer >= 0/],
    [() => exactTopK(base, 10, 0, q, 1, 1, 'l2'), /invalid dim: 0/],
    [() => exactTopK(base, 10, 4, q, 1, 1, 'l2', { mask: () => new Uint8Array(3) }), /invalid mask: .*query 0.*length n = 10/],
  ];
  for (const [fn, re] of cases) {
    try {
      fn();
      assert.unreachable(`expected ${re}`);
    } catch (err) {
      assert.instance(err, VecstageError);
      assert.match((err as Error).message, re);
    }
  }
});

test.run();
