import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../../src/random.js';
import { GENERATOR_VERSION, generateExport, type ExportFormat } from '../../../src/synth/index.js';
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
