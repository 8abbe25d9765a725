/**
 * Ground truth as a user gets it: the whole `vecstage truth` command (node start-up, reading sample.arrow and the
 * golden JSONL, exact top-k, writing the truth Arrow file) against numpy (`Q @ B.T`, argpartition, sort of the
 * top k) on the same vectors, in the same run.
 *
 *   npm run perf -- ground-truth [--data uniform|gaussian|clustered] [--n 100000] [--dim 768] [--m 1000] [--k 100] [--runs 5]
 *
 * Data (default: all three, see lib/data.ts vectorFiles): seeded uniform [-1, 1), standard normal, and the
 * generator's clustered unit vectors (src/synth), as raw float32 files in bench/perf/.data/ (git-ignored). Per
 * data set the base is written once as an Arrow IPC export and imported once with `vecstage import` (not timed),
 * the queries as golden JSONL. Metric ip (numpy's `Q @ B.T` ranks by it). numpy is reported two ways: the compute
 * alone (timed inside python) and the whole python script (interpreter start, `import numpy`, np.fromfile of raw
 * float32, compute), timed from spawn to exit like vecstage; the ratio is against the whole script. vecstage reads
 * Arrow and parses 1,000 JSON vectors, which is part of what the command costs. The two sides alternate, --runs
 * rounds; medians are reported, and the paired ratio is the median of the rounds' own ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { openSampleWriter, readTruthFile } from '../../src/arrow/index.js';
import { kernelInfo } from '../../src/kernel/index.js';
import { DATA_DIR, VECTOR_DATA, vectorFiles, type VectorData, type VectorFiles } from './lib/data.js';
import { ROOT } from './lib/measure.js';
import { argValue, printTable } from './lib/table.js';

const BIN = join(ROOT, 'bin/vecstage.js');

export async function run(argv: string[]): Promise<void> {
  const n = Number(argValue(argv, 'n') ?? 100000);
  const dim = Number(argValue(argv, 'dim') ?? 768);
  const m = Number(argValue(argv, 'm') ?? 1000);
  const k = Number(argValue(argv, 'k') ?? 100);
  const runs = Number(argValue(argv, 'runs') ?? 5);
  const dataFlag = argValue(argv, 'data');
  if (dataFlag !== undefined && !(VECTOR_DATA as readonly string[]).includes(dataFlag)) {
    throw new Error(`--data ${dataFlag}: expected one of ${VECTOR_DATA.join(', ')} (default: all three)`);
  }
  const kinds: VectorData[] = dataFlag ? [dataFlag as VectorData] : [...VECTOR_DATA];
  const seed = 20240601;
  mkdirSync(DATA_DIR, { recursive: true });
  const info = kernelInfo();
  log(`vecstage truth: ${m} queries x ${n} x ${dim}, top-${k}, metric ip; kernel ${info.kernel}${info.isa ? ` (${info.isa})` : ''}; data ${kinds.join(', ')}; median of ${runs}`);

  // untimed: the CLI's compiled bundle is rebuilt on the first run after any change under src/ (bin/compiled.js)
  const warm = await vecstage(['--help'], ROOT);
  if (warm.code !== 0) throw new Error(`vecstage --help failed: ${warm.stderr}`);
  const results: DataResult[] = [];
  for (const data of kinds) {
    const files = vectorFiles(data, n, dim, m, seed);
    const work = await prepareWork(data, files, n, dim, m);
    const ours: Array<{ wall: number; cpu: number }> = [];
    const theirs: NumpyResult[] = [];
    log(`${data}:`);
    for (let r = 0; r < runs; r++) {
      const t = await vecstage(['truth', '--sample', 'sample', '--queries', 'queries.jsonl', '--k', String(k), '--metric', 'ip', '--out', 'truth.arrow', '--no-cache', '--json'], work);
      if (t.code !== 0) throw new Error(`vecstage truth failed: ${t.stderr}`);
      ours.push({ wall: t.ms / 1000, cpu: t.cpuMs / 1000 });
      log(`  vecstage truth run ${r + 1}: ${(t.ms / 1000).toFixed(3)} s wall (cpu ${(t.cpuMs / 1000).toFixed(2)} s; command's own timer ${(JSON.parse(t.stdout) as { seconds: number }).seconds.toFixed(3)} s)`);
      const np = runNumpy(files.basePath, files.queryPath, n, dim, m, k);
      if (np) {
        theirs.push(np);
        log(`  numpy          run ${r + 1}: ${np.script.toFixed(3)} s whole script (cpu ${np.scriptCpu.toFixed(2)} s), ${np.compute.toFixed(3)} s compute (cpu ${np.cpu.toFixed(2)} s; matmul ${np.matmul.toFixed(3)} s)`);
      }
    }
    // the two sides must agree: top-k sets of the first 20 queries (numpy ranks by float32 scores, so a set may
    // differ only where two rows' scores are within float32 rounding of each other at rank k)
    const truth = await readTruthFile(join(work, 'truth.arrow'));
    const agree = theirs[0] ? theirs[0].firstIds.filter((row, q) => sameSet(row.map(String), truth.rows[q]?.ids ?? [])).length : null;
    const paired = theirs.map((np, r) => ours[r]!.wall / np.script);
    results.push({
      data,
      wall: median(ours.map((x) => x.wall)),
      cpu: median(ours.map((x) => x.cpu)),
      npScript: theirs.length ? median(theirs.map((x) => x.script)) : NaN,
      npScriptCpu: theirs.length ? median(theirs.map((x) => x.scriptCpu)) : NaN,
      npCompute: theirs.length ? median(theirs.map((x) => x.compute)) : NaN,
      npCpu: theirs.length ? median(theirs.map((x) => x.cpu)) : NaN,
      pairedRatio: paired.length ? median(paired) : NaN,
      agree,
      runs: ours,
      numpyRuns: theirs.map(({ firstIds: _, ...rest }) => rest),
    });
  }

  log('');
  printTable(
    ['data', 'vecstage wall s', 'cpu s', 'numpy script s', 'cpu s', 'numpy compute s', 'ratio wall', 'ratio cpu', 'paired ratio', 'vs compute', 'top-k = numpy (of 20)'],
    results.map((r) => [r.data, r.wall, r.cpu, r.npScript, r.npScriptCpu, r.npCompute, r.wall / r.npScript, r.cpu / r.npScriptCpu, r.pairedRatio, r.wall / r.npCompute, r.agree === null ? 'n/a' : String(r.agree)]),
    log,
  );
  log('ratio = vecstage truth (whole command, spawn to exit) / numpy whole script (start, import, load, compute), medians of the runs;');
  log('paired ratio = median over runs of the two runs side by side; vs compute = against numpy\'s compute alone (timed inside python)');
  const np0 = results.find((r) => r.numpyRuns[0])?.numpyRuns[0];
  log(`numpy: ${np0?.blas ?? 'python3/numpy unavailable'}, numpy ${np0?.version ?? ''}`);
  process.stdout.write(
    `${JSON.stringify({
      shape: { n, dim, m, k, metric: 'ip' },
      kernel: info,
      data: results.map((r) => ({
        data: r.data,
        vecstage: { wallSeconds: r.wall, cpuSeconds: r.cpu, runs: r.runs },
        numpy: { scriptSeconds: r.npScript, scriptCpuSeconds: r.npScriptCpu, computeSeconds: r.npCompute, computeCpuSeconds: r.npCpu, runs: r.numpyRuns },
        ratio: { overNumpyScript: r.wall / r.npScript, pairedOverNumpyScript: r.pairedRatio, overNumpyCompute: r.wall / r.npCompute, cpuOverNumpyScript: r.cpu / r.npScriptCpu },
        checks: { topKSetsEqualNumpyOfFirst20: r.agree },
      })),
    })}\n`,
  );
}

interface DataResult {
  data: VectorData;
  wall: number;
  cpu: number;
  npScript: number;
  npScriptCpu: number;
  npCompute: number;
  npCpu: number;
  pairedRatio: number;
  agree: number | null;
  runs: Array<{ wall: number; cpu: number }>;
  numpyRuns: Array<Omit<NumpyResult, 'firstIds'>>;
}

/** The work folder of one data set: config, golden JSONL, and the sample imported once (not timed). */
async function prepareWork(data: VectorData, files: VectorFiles, n: number, dim: number, m: number): Promise<string> {
  const work = join(DATA_DIR, data === 'uniform' ? `truth-${n}x${dim}-q${m}` : `truth-${data}-${n}x${dim}-q${m}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'vecstage.config.json'), JSON.stringify({ embedding: { model: `perf-${data}`, dimension: dim, metric: 'ip' }, environments: { dev: { backend: { kind: 'memory' }, index: 'perf' } } }));
  const golden = join(work, 'queries.jsonl');
  if (!existsSync(golden)) await writeGolden(golden, files.queries, m, dim);
  if (!existsSync(join(work, 'sample/sample.arrow'))) {
    const t0 = performance.now();
    await writeArrowExport(join(work, 'base.arrow'), files.base, n, dim);
    const t1 = performance.now();
    const imp = await vecstage(['import', 'base.arrow', '--out', 'sample', '--format', 'arrow'], work);
    if (imp.code !== 0) throw new Error(`vecstage import failed: ${imp.stderr}`);
    rmSync(join(work, 'base.arrow'), { force: true });
    log(`made the ${data} sample once: Arrow export ${((t1 - t0) / 1000).toFixed(1)} s, vecstage import ${(imp.ms / 1000).toFixed(1)} s`);
  }
  return work;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface ChildResult {
  code: number;
  ms: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** bin/vecstage.js as a child, wall time from spawn to exit; its CPU time from this process's reaped-children total. */
function vecstage(args: string[], cwd: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, ms: performance.now() - t0, cpuMs: childCpuMs() - c0, stdout, stderr }));
  });
}

/** cutime + cstime of /proc/self/stat (reaped children, user + system), in ms at 100 clock ticks per second. */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface NumpyResult {
  script: number;
  scriptCpu: number;
  compute: number;
  matmul: number;
  cpu: number;
  blas: string;
  version: string;
  firstIds: number[][];
}

function runNumpy(basePath: string, queryPath: string, n: number, dim: number, m: number, k: number): NumpyResult | undefined {
  const script = `
import json, time
import numpy as np
B = np.fromfile(${JSON.stringify(basePath)}, dtype=np.float32).reshape(${n}, ${dim})
Q = np.fromfile(${JSON.stringify(queryPath)}, dtype=np.float32).reshape(${m}, ${dim})
t0 = time.perf_counter()
c0 = time.process_time()
S = Q @ B.T
t1 = time.perf_counter()
part = np.argpartition(S, ${n - k}, axis=1)[:, ${n - k}:]
top = np.take_along_axis(S, part, axis=1)
order = np.argsort(-top, axis=1, kind='stable')
ids = np.take_along_axis(part, order, axis=1)
t2 = time.perf_counter()
c2 = time.process_time()
blas = 'unknown'
try:
    cfg = np.show_config(mode='dicts')['Build Dependencies']['blas']
    blas = f"{cfg.get('name')} {cfg.get('version')}"
except Exception:
    pass
print(json.dumps({"compute": t2 - t0, "matmul": t1 - t0, "cpu": c2 - c0, "blas": blas, "version": np.__version__, "firstIds": ids[:20].tolist()}))
`;
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, if set, pin a slower OpenBLAS kernel: numpy gets its default.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const c0 = childCpuMs();
  const t0 = performance.now();
  const res = spawnSync('python3', ['-c', script], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const scriptSeconds = (performance.now() - t0) / 1000;
  const scriptCpu = (childCpuMs() - c0) / 1000;
  if (res.status !== 0) {
    log(`numpy run failed: ${res.error?.message ?? res.stderr.trim().split('\n').at(-1)}`);
    return undefined;
  }
  return { ...(JSON.parse(res.stdout) as Omit<NumpyResult, 'script' | 'scriptCpu'>), script: scriptSeconds, scriptCpu };
}

/** The base as an Arrow IPC export (id, embedding), written with the sample writer: the fastest input to import. */
async function writeArrowExport(path: string, base: Float32Array, n: number, dim: number): Promise<void> {
  const w = openSampleWriter(path, dim, '{}');
  for (let i = 0; i < n; i++) {
    await w.add({ id: String(i), embedding: base.subarray(i * dim, (i + 1) * dim), text: null, metadata: null, stratum: 'all', edgeTags: [], inclusionProb: 1, weight: 1 });
  }
  await w.close();
}

async function writeGolden(path: string, queries: Float32Array, m: number, dim: number): Promise<void> {
  const out = createWriteStream(path);
  for (let q = 0; q < m; q++) {
    const line = `{"id":"q${q}","embedding":[${Array.from(queries.subarray(q * dim, (q + 1) * dim)).join(',')}]}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function sameSet(a: string[], b: string[]): boolean {
  const s = new Set(b);
  return a.length === b.length && a.every((x) => s.has(x));
}

function log(line: string): void {
  process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}
