import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../../src/random.js';
import { BAD_KINDS, EDGE_KINDS, GENERATOR_VERSION, generateExport, planExport, resolveGenerateOptions, type ExportFormat } from '../../../src/synth/index.js';
import { cleanVector } from '../../../src/synth/vector.js';
import { ROOT } from './measure.js';

/** git-ignored (see .gitignore) */
export const DATA_DIR = join(ROOT, 'bench/perf/.data');

export interface Export {
  path: string;
  truth: string;
  bytes: number;
  rows: number;
  dim: number;
  /** set when this call generated the file */
  generated?: { ms: number };
}

/** A generated export, cached by (rows, dim, seed, format, generator version); files only appear complete (renamed into place). */
export async function ensureExport(rows: number, dim: number, seed = 1, format: ExportFormat = 'csv'): Promise<Export> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `prod-${rows}x${dim}-s${seed}-g${GENERATOR_VERSION}.${format}`);
  const truth = `${path}.truth.json`;
  if (existsSync(path) && existsSync(truth)) return { path, truth, bytes: statSync(path).size, rows, dim };
  const t0 = performance.now();
  const r = await generateExport({ out: path, truth, rows, dim, seed, format });
  return { path, truth, bytes: r.bytes, rows, dim, generated: { ms: performance.now() - t0 } };
}

/**
 * `count` mulberry32-seeded uniform [-1, 1) floats, cached at `path` so every benchmark and numpy read the very
 * same bytes (exact-search and ground-truth share these files).
 */
export function cachedUniformFloats(path: string, count: number, seed: number): Float32Array {
  if (existsSync(path)) {
    const buf = readFileSync(path);
    if (buf.byteLength === count * 4) return new Float32Array(buf.buffer, buf.byteOffset, count);
  }
  const rand = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rand() * 2 - 1;
  writeFileSync(path, out);
  return out;
}

/** The vector distributions the ground-truth benchmark runs on. */
export const VECTOR_DATA = ['uniform', 'gaussian', 'clustered'] as const;
export type VectorData = (typeof VECTOR_DATA)[number];

export interface VectorFiles {
  basePath: string;
  queryPath: string;
  base: Float32Array;
  queries: Float32Array;
}

/**
 * n base and m query float32 vectors of one distribution, cached as raw files that numpy reads too:
 * - uniform: mulberry32 uniform [-1, 1) per component (the exact-search files);
 * - gaussian: standard normal per component (mulberry32 + Box-Muller);
 * - clustered: the generator's clean embeddings (src/synth: unit vectors around 16 topic centres, the rows'
 *   tenant/lang topic mixes), rows 0..n-1 the base and rows n..n+m-1 the queries of one plan with no injections.
 */
export function vectorFiles(data: VectorData, n: number, dim: number, m: number, seed: number): VectorFiles {
  if (data === 'uniform') {
    const basePath = join(DATA_DIR, `base-${n}x${dim}-s${seed}.f32`);
    const queryPath = join(DATA_DIR, `queries-${m}x${dim}-s${seed + 1}.f32`);
    return { basePath, queryPath, base: cachedUniformFloats(basePath, n * dim, seed), queries: cachedUniformFloats(queryPath, m * dim, seed + 1) };
  }
  if (data === 'gaussian') {
    const basePath = join(DATA_DIR, `gauss-base-${n}x${dim}-s${seed}.f32`);
    const queryPath = join(DATA_DIR, `gauss-queries-${m}x${dim}-s${seed + 1}.f32`);
    return { basePath, queryPath, base: cachedFloats(basePath, n * dim, () => gaussianFloats(n * dim, seed)), queries: cachedFloats(queryPath, m * dim, () => gaussianFloats(m * dim, seed + 1)) };
  }
  const tag = `${n}x${dim}-q${m}-s${seed}-g${GENERATOR_VERSION}`;
  const basePath = join(DATA_DIR, `clustered-base-${tag}.f32`);
  const queryPath = join(DATA_DIR, `clustered-queries-${tag}.f32`);
  let both: Float32Array | undefined;
  const make = () => (both ??= clusteredFloats(n + m, dim, seed));
  return {
    basePath,
    queryPath,
    base: cachedFloats(basePath, n * dim, () => make().subarray(0, n * dim)),
    queries: cachedFloats(queryPath, m * dim, () => make().subarray(n * dim)),
  };
}

function cachedFloats(path: string, count: number, make: () => Float32Array): Float32Array {
  if (existsSync(path)) {
    const buf = readFileSync(path);
    if (buf.byteLength === count * 4) return new Float32Array(buf.buffer, buf.byteOffset, count);
  }
  const out = make();
  writeFileSync(path, out);
  return out;
}

function gaussianFloats(count: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const rad = Math.sqrt(-2 * Math.log(1 - rand()));
    const ang = 2 * Math.PI * rand();
    out[i] = rad * Math.cos(ang);
    if (i + 1 < count) out[i + 1] = rad * Math.sin(ang);
  }
  return out;
}

function clusteredFloats(rows: number, dim: number, seed: number): Float32Array {
  const zero = (kinds: readonly string[]) => Object.fromEntries(kinds.map((k) => [k, 0]));
  const plan = planExport(resolveGenerateOptions({ rows, dim, seed, edgeRates: zero(EDGE_KINDS), badRates: zero(BAD_KINDS), rareStratumRows: 0 }));
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) out.set(cleanVector(plan, i), i * dim);
  return out;
}
