/**
 * The embedding stage against the OpenAI-compatible stand-in (test/helpers/embeddings-stand-in.ts, its own child
 * process so its CPU is not billed to the client): vecstage's `embedTexts` (no cache) against a bare loop of the
 * same batched fetch calls at the same concurrency over the same texts, in the same run. The target is
 * vecstage / bare >= 0.9 in texts/s. Then the cache experiment: a first strategy's texts embedded through the
 * on-disk cache, then a second strategy whose texts are 50% the first's; target: the second makes <= 55% of the
 * first's calls (counted by the stand-in, in process for that part, and by vecstage).
 *
 *   npm run perf -- embedding [--texts 20000] [--dim 384] [--batch 128] [--concurrency 4] [--rounds 3]
 *                             [--encoding float|base64] [--json]
 *   node --import tsx bench/perf/embedding.ts ...      (same flags)
 *
 * Both sides get the same texts (all distinct, so vecstage's dedupe saves nothing) and the same batches. The
 * bare side is what a hand-written client does with no checks: fetch, `res.json()`, one Float32Array per
 * embedding placed by `index` (base64 decoded straight from the bytes). vecstage's side is everything the stage
 * does: dedupe, batching, retries, response validation (counts, indexes, finite numbers, one dimension), the
 * contract check. A warm-up round of each side runs first and is not counted; then each round runs both sides,
 * the one going first alternating, so a busy machine slows both alike; each side reports its median round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmbedder, embedTexts, openEmbedCache, type EmbedItem } from '../../src/pipeline/embed/index.js';
import type { EmbedderConfig } from '../../src/pipeline/types.js';
import { startEmbeddingsStandin } from '../../test/helpers/embeddings-stand-in.js';
import { ROOT } from './lib/measure.js';
import { printTable } from './lib/table.js';

const MODEL = 'text-embedding-3-small';

interface Settings {
  texts: number;
  dim: number;
  batch: number;
  concurrency: number;
  rounds: number;
  encoding: 'float' | 'base64';
  json: boolean;
}

function settings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      texts: { type: 'string', default: '20000' },
      dim: { type: 'string', default: '384' },
      batch: { type: 'string', default: '128' },
      concurrency: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      encoding: { type: 'string', default: 'float' },
      json: { type: 'boolean' },
    },
  });
  const ints = { texts: Number(values.texts), dim: Number(values.dim), batch: Number(values.batch), concurrency: Number(values.concurrency), rounds: Number(values.rounds) };
  for (const [name, v] of Object.entries(ints)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`invalid --${name}: ${String(values[name as keyof typeof values])}; allowed: an integer >= 1`);
  }
  if (ints.batch > 2048) throw new Error(`invalid --batch: ${ints.batch}; allowed: an integer >= 1 <= 2048`);
  if (values.encoding !== 'float' && values.encoding !== 'base64') throw new Error(`invalid --encoding: ${String(values.encoding)}; allowed: float, base64`);
  return { ...ints, encoding: values.encoding, json: values.json === true };
}

/** Deterministic chunk-like texts of 40-120 words from a Zipf-ish vocabulary (mulberry32, seeded). */
function benchTexts(n: number, seed: number, tag: string): string[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  return Array.from({ length: n }, (_, i) => {
    const words = 40 + Math.floor(rand() * 80);
    const out = [`${tag}-${i}`];
    for (let k = 0; k < words; k++) out.push(vocab[Math.floor(vocab.length * rand() ** 2)]!);
    return out.join(' ');
  });
}

function remoteConfig(url: string, s: Settings): EmbedderConfig {
  return {
    kind: 'openai-compatible', url, model: MODEL, dimension: s.dim, sendDimensions: false, apiKeyEnv: undefined, authHeader: 'bearer',
    batch: s.batch, concurrency: s.concurrency, timeoutMs: 120_000, maxRetries: 6, encodingFormat: s.encoding,
  };
}

/** The bare loop: the same POSTs, `concurrency` in flight, no validation beyond `res.ok`. */
async function bareLoop(url: string, texts: string[], s: Settings): Promise<Float32Array[]> {
  const endpoint = `${url}/embeddings`;
  const out = new Array<Float32Array>(texts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let start = next; start < texts.length; start = next) {
      next = start + s.batch;
      const input = texts.slice(start, start + s.batch);
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ model: MODEL, input, encoding_format: s.encoding }),
      });
      if (!res.ok) throw new Error(`bare loop: HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { data: { index: number; embedding: number[] | string }[] };
      for (const d of body.data) {
        const e = d.embedding;
        if (typeof e === 'string') {
          const bytes = Buffer.from(e, 'base64');
          out[start + d.index] = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        } else out[start + d.index] = Float32Array.from(e);
      }
    }
  };
  await Promise.all(Array.from({ length: s.concurrency }, worker));
  return out;
}

/** The stand-in in a child process (this file with --serve); resolves with its base URL. */
async function startServer(dim: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--dim', String(dim)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the stand-in exited ${code} before listening`)));
    lines.once('line', resolve);
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.stdin?.end();
  child.kill('SIGTERM');
  await exited;
}

function sameVectors(a: Float32Array[], b: Float32Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

interface CacheExperiment {
  texts: number;
  shared: number;
  first: { requests: number; calls: number; inputs: number; seconds: number };
  second: { requests: number; calls: number; inputs: number; cacheHits: number; seconds: number };
  callsRatio: number;
}

/** Two strategies through one on-disk cache, against an in-process stand-in whose counters are read directly. */
async function cacheExperiment(s: Settings): Promise<CacheExperiment> {
  const n = Math.max(2, Math.min(s.texts, 10_000));
  const standin = await startEmbeddingsStandin({ dimension: s.dim });
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-perf-embed-cache-'));
  try {
    const embedder = await createEmbedder(remoteConfig(standin.url, s));
    const a = benchTexts(n, 7, 'doc');
    const fresh = benchTexts(n, 8, 'other');
    // every other text of the second strategy is one the first strategy embedded
    const b = a.map((t, i) => (i % 2 === 0 ? t : fresh[i]!));
    const shared = b.filter((_, i) => i % 2 === 0).length;
    const items = (texts: string[]): EmbedItem[] => texts.map((text, i) => ({ key: `chunk-${i}`, text }));

    const c1 = await openEmbedCache(dir, embedder.identity, s.dim);
    const t1 = performance.now();
    const r1 = await embedTexts(items(a), { embedder, cache: c1, expectedDimension: s.dim });
    const s1 = (performance.now() - t1) / 1000;
    await c1.close();
    const first = { requests: standin.counters.requests, calls: r1.stats.calls, inputs: standin.counters.inputs, seconds: s1 };

    standin.resetCounters();
    const c2 = await openEmbedCache(dir, embedder.identity, s.dim);
    const t2 = performance.now();
    const r2 = await embedTexts(items(b), { embedder, cache: c2, expectedDimension: s.dim });
    const s2 = (performance.now() - t2) / 1000;
    await c2.close();
    const second = { requests: standin.counters.requests, calls: r2.stats.calls, inputs: standin.counters.inputs, cacheHits: r2.stats.cacheHits, seconds: s2 };
    return { texts: n, shared, first, second, callsRatio: second.requests / first.requests };
  } finally {
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(argv: string[]): Promise<void> {
  const s = settings(argv);
  const log = (line: string) => (s.json ? process.stderr : process.stdout).write(`${line}\n`);
  const texts = benchTexts(s.texts, 1, 'doc');
  const items: EmbedItem[] = texts.map((text, i) => ({ key: `chunk-${i}`, text }));
  const { url, child } = await startServer(s.dim);
  try {
    const embedder = await createEmbedder(remoteConfig(url, s));
    log(
      `embedding stage against the stand-in (child process): ${s.texts} texts, dim ${s.dim}, batch ${s.batch}, concurrency ${s.concurrency}, ` +
        `encoding ${s.encoding}, ${s.rounds} alternating rounds after a warm-up; load avg ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    );
    const vecstage: number[] = [];
    const bare: number[] = [];
    // the client's own CPU (this process): the server's is the same for both sides, so this is what vecstage adds
    const vecstageCpu: number[] = [];
    const bareCpu: number[] = [];
    for (let round = 0; round <= s.rounds; round++) {
      // the side that goes first alternates, so neither always meets a server just warmed by the other
      let vs = 0;
      let bs = 0;
      let vcpu = 0;
      let bcpu = 0;
      let calls = 0;
      let ours: Float32Array[] = [];
      let theirs: Float32Array[] = [];
      const timeVecstage = async (): Promise<void> => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await embedTexts(items, { embedder, expectedDimension: s.dim });
        vs = (performance.now() - t0) / 1000;
        vcpu = cpuSeconds(c0);
        calls = r.stats.calls;
        ours = r.vectors;
      };
      const timeBare = async (): Promise<void> => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        theirs = await bareLoop(url, texts, s);
        bs = (performance.now() - t0) / 1000;
        bcpu = cpuSeconds(c0);
      };
      if (round % 2 === 0) {
        await timeVecstage();
        await timeBare();
      } else {
        await timeBare();
        await timeVecstage();
      }
      if (!sameVectors(ours, theirs)) throw new Error('vecstage and the bare loop got different vectors');
      if (round === 0) {
        log(`  warm-up: vecstage ${vs.toFixed(2)} s, bare ${bs.toFixed(2)} s (not counted)`);
        continue;
      }
      vecstage.push(s.texts / vs);
      bare.push(s.texts / bs);
      vecstageCpu.push(vcpu);
      bareCpu.push(bcpu);
      log(
        `  round ${round}${round % 2 ? ' (bare first)' : ''}: vecstage ${vs.toFixed(2)} s, ${vcpu.toFixed(2)} client CPU-s (${Math.round(vecstage.at(-1)!)} texts/s, ${calls} calls); ` +
          `bare ${bs.toFixed(2)} s, ${bcpu.toFixed(2)} client CPU-s (${Math.round(bare.at(-1)!)} texts/s)`,
      );
    }
    const v = median(vecstage);
    const b = median(bare);
    const ratio = v / b;
    // each round's own ratio (both sides ran back to back), the median over rounds: steadier than a ratio of medians
    // when the machine's load drifts between rounds
    const paired = median(vecstage.map((x, i) => x / bare[i]!));
    const vc = median(vecstageCpu);
    const bc = median(bareCpu);
    const cache = await cacheExperiment(s);
    const summary = {
      texts: s.texts, dim: s.dim, batch: s.batch, concurrency: s.concurrency, encoding: s.encoding, rounds: s.rounds,
      vecstage: { textsPerSecond: v, clientCpuSeconds: vc, rounds: vecstage, cpuRounds: vecstageCpu },
      bare: { textsPerSecond: b, clientCpuSeconds: bc, rounds: bare, cpuRounds: bareCpu },
      ratio,
      pairedRatio: paired,
      cpuRatio: bc / vc,
      target: 0.9,
      cache: { ...cache, target: 0.55 },
      loadavg: loadavg(),
    };
    if (s.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      log('');
      printTable(['side (median of rounds)', 'texts/s', 'client CPU-s'], [['vecstage embedTexts (no cache)', v, vc], ['bare fetch loop', b, bc]]);
      log(`ratio vecstage / bare: ${ratio.toFixed(3)} in texts/s (target >= 0.9); median of per-round ratios ${paired.toFixed(3)}; ${(bc / vc).toFixed(3)} in texts per client CPU-second`);
      log('');
      log(`cache: ${cache.texts} texts, then a second strategy sharing ${cache.shared} of them (${((100 * cache.shared) / cache.texts).toFixed(0)}%), batch ${s.batch}`);
      printTable(
        ['strategy', 'requests (stand-in)', 'calls (vecstage)', 'inputs embedded', 'cache hits', 'seconds'],
        [
          ['first', String(cache.first.requests), String(cache.first.calls), String(cache.first.inputs), '0', cache.first.seconds],
          ['second (50% shared)', String(cache.second.requests), String(cache.second.calls), String(cache.second.inputs), String(cache.second.cacheHits), cache.second.seconds],
        ],
      );
      log(`calls ratio second / first: ${cache.callsRatio.toFixed(3)} (target <= 0.55)`);
    }
  } finally {
    await stopServer(child);
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** `--serve`: run the stand-in and print its base URL; stop on SIGTERM or when the parent goes away (stdin ends). */
async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, strict: false, options: { dim: { type: 'string', default: '384' } } });
  const standin = await startEmbeddingsStandin({ dimension: Number(values.dim) });
  process.stdout.write(`${standin.url}\n`);
  const stop = (): void => void standin.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.stdin.once('end', stop).resume();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv.includes('--serve')) await serve(argv);
  else await run(argv);
}
