/**
 * Exact top-k throughput: vecstage's kernel against numpy (`Q @ B.T`, argpartition, sort of the k) in the same run.
 *
 *   node --import tsx bench/perf/exact-search.ts [--n 100000] [--dim 768] [--m 1000] [--k 100] [--runs 3] [--js-queries 10]
 *
 * Data: seeded uniform [-1, 1) float32, written once to bench/perf/.data/ (git-ignored) and read by both sides.
 * Metric ip (for unit vectors it ranks exactly as cosine). Each side reports its best of --runs; numpy times only
 * the compute inside python. The portable JS kernel is timed on --js-queries queries and scaled to m (it is
 * linear in m), because a full run takes minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exactTopK, kernelInfo } from '../../src/kernel/index.js';
import { cachedUniformFloats } from './lib/data.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '768' },
    m: { type: 'string', default: '1000' },
    k: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    'js-queries': { type: 'string', default: '10' },
    seed: { type: 'string', default: '20240601' },
  },
});
const n = Number(values.n), dim = Number(values.dim), m = Number(values.m), k = Number(values.k);
const runs = Number(values.runs), jsQueries = Math.min(m, Number(values['js-queries'])), seed = Number(values.seed);

const dataDir = fileURLToPath(new URL('./.data/', import.meta.url));
mkdirSync(dataDir, { recursive: true });
const basePath = `${dataDir}base-${n}x${dim}-s${seed}.f32`;
const queryPath = `${dataDir}queries-${m}x${dim}-s${seed + 1}.f32`;
const base = cachedUniformFloats(basePath, n * dim, seed);
const queries = cachedUniformFloats(queryPath, m * dim, seed + 1);

const info = kernelInfo();
log(`exact top-${k}: ${m} queries x ${n} x ${dim} float32, metric ip, best of ${runs}`);
log(`native kernel: ${info.kernel === 'native' ? `loaded (${info.isa})` : `not available: ${info.error ?? 'forced off'}`}`);

// Interleave the two sides so a busy machine slows both alike.
const nativeTimes: number[] = [];
const numpyTimes: number[] = [];
// CPU seconds (all threads) beside wall time: on a shared, busy machine wall time mostly measures the neighbours.
const nativeCpu: number[] = [];
const numpyCpu: number[] = [];
let numpyInfo: NumpyResult | undefined;
let nativeResult: Int32Array | undefined;
for (let r = 0; r < runs; r++) {
  if (info.kernel === 'native') {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    nativeResult = exactTopK(base, n, dim, queries, m, k, 'ip', { kernel: 'native' }).indices;
    const c1 = process.cpuUsage(c0);
    nativeTimes.push((performance.now() - t0) / 1000);
    nativeCpu.push((c1.user + c1.system) / 1e6);
    log(`  native run ${r + 1}: ${nativeTimes.at(-1)!.toFixed(3)} s (cpu ${nativeCpu.at(-1)!.toFixed(3)} s)`);
  }
  numpyInfo = runNumpy();
  if (numpyInfo) {
    numpyTimes.push(numpyInfo.seconds);
    numpyCpu.push(numpyInfo.cpu);
    log(`  numpy  run ${r + 1}: ${numpyInfo.seconds.toFixed(3)} s (cpu ${numpyInfo.cpu.toFixed(3)} s; matmul ${numpyInfo.matmul.toFixed(3)} s)`);
  }
}

const jsSub = queries.subarray(0, jsQueries * dim);
const t0 = performance.now();
const jsResult = exactTopK(base, n, dim, jsSub, jsQueries, k, 'ip', { kernel: 'js' }).indices;
const jsSeconds = ((performance.now() - t0) / 1000) * (m / jsQueries);

const best = (xs: number[]): number | undefined => (xs.length ? Math.min(...xs) : undefined);
const nativeBest = best(nativeTimes);
const numpyBest = best(numpyTimes);
const agree = nativeResult ? sameRows(nativeResult, jsResult, jsQueries * k) : undefined;
const numpyAgree = nativeResult && numpyInfo ? sameSets(nativeResult, numpyInfo.firstIds, k) : undefined;

const summary = {
  shape: { n, dim, m, k, metric: 'ip' },
  native: nativeBest === undefined ? null : { seconds: nativeBest, cpuSeconds: best(nativeCpu), isa: info.isa, runs: nativeTimes },
  numpy: numpyBest === undefined ? null : { seconds: numpyBest, cpuSeconds: best(numpyCpu), runs: numpyTimes, blas: numpyInfo?.blas, numpy: numpyInfo?.version },
  js: { secondsScaled: jsSeconds, queriesTimed: jsQueries },
  ratio: {
    nativeOverNumpy: nativeBest && numpyBest ? nativeBest / numpyBest : null,
    nativeOverNumpyCpu: nativeCpu.length && numpyCpu.length ? best(nativeCpu)! / best(numpyCpu)! : null,
    jsOverNumpy: numpyBest ? jsSeconds / numpyBest : null,
  },
  checks: { nativeEqualsJsOnTimedQueries: agree ?? null, nativeTopKSetsEqualNumpyFirstQueries: numpyAgree ?? null },
};
log('');
log(`native : ${fmt(nativeBest)}`);
log(`numpy  : ${fmt(numpyBest)}  (${numpyInfo ? `${numpyInfo.blas}, numpy ${numpyInfo.version}` : 'python3/numpy unavailable'})`);
log(`js     : ${jsSeconds.toFixed(2)} s (scaled from ${jsQueries} queries)`);
log(`ratio native/numpy: ${summary.ratio.nativeOverNumpy?.toFixed(3) ?? 'n/a'} wall, ${summary.ratio.nativeOverNumpyCpu?.toFixed(3) ?? 'n/a'} cpu (below 1 = faster than numpy)`);
log(`ratio js/numpy    : ${summary.ratio.jsOverNumpy?.toFixed(1) ?? 'n/a'}`);
log(`native == js on the timed queries: ${agree ?? 'n/a'}; top-${k} sets == numpy's on the first queries: ${numpyAgree ?? 'n/a'}`);
process.stdout.write(`${JSON.stringify(summary)}\n`);

interface NumpyResult {
  seconds: number;
  cpu: number;
  matmul: number;
  blas: string;
  version: string;
  firstIds: number[][];
}

function runNumpy(): NumpyResult | undefined {
  const script = `
import json, sys, time, glob, os, ctypes
import numpy as np
n, dim, m, k = ${n}, ${dim}, ${m}, ${k}
B = np.fromfile(${JSON.stringify(basePath)}, dtype=np.float32).reshape(n, dim)
Q = np.fromfile(${JSON.stringify(queryPath)}, dtype=np.float32).reshape(m, dim)
t0 = time.perf_counter()
c0 = time.process_time()
S = Q @ B.T
t1 = time.perf_counter()
part = np.argpartition(S, n - k, axis=1)[:, n - k:]
top = np.take_along_axis(S, part, axis=1)
order = np.argsort(-top, axis=1, kind='stable')
ids = np.take_along_axis(part, order, axis=1)
t2 = time.perf_counter()
c2 = time.process_time()
blas = 'unknown'
try:
    from threadpoolctl import threadpool_info
    blas = '; '.join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}" for i in threadpool_info())
except ImportError:
    cfg = np.show_config(mode='dicts')['Build Dependencies']['blas']
    blas = f"{cfg.get('name')} {cfg.get('version')}"
    for lib in glob.glob(os.path.join(os.path.dirname(np.__file__), '..', 'numpy.libs', '*openblas*')):
        for sym in ('scipy_openblas_get_corename64_', 'openblas_get_corename64_', 'openblas_get_corename'):
            f = getattr(ctypes.CDLL(lib), sym, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                blas += f" core={f().decode()}"
                break
print(json.dumps({"seconds": t2 - t0, "cpu": c2 - c0, "matmul": t1 - t0, "blas": blas, "version": np.__version__, "firstIds": ids[:20].tolist()}))
`;
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, if set, pin a slower OpenBLAS kernel: numpy gets its default.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const res = spawnSync('python3', ['-c', script], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) {
    log(`numpy run failed: ${res.error?.message ?? res.stderr.trim().split('\n').at(-1)}`);
    return undefined;
  }
  return JSON.parse(res.stdout) as NumpyResult;
}

function sameRows(a: Int32Array, b: Int32Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSets(ours: Int32Array, theirs: number[][], kk: number): boolean {
  return theirs.every((row, q) => {
    const mine = new Set(ours.subarray(q * kk, (q + 1) * kk));
    return row.every((id) => mine.has(id));
  });
}

function fmt(s: number | undefined): string {
  return s === undefined ? 'n/a' : `${s.toFixed(3)} s`;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
