/**
 * Bench suites (bench/<name>.json): which queries, k, concurrency, rate, duration and gates, so a scheduled CI
 * run is one command. Strictly validated like the config; command-line flags override suite values.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { VecstageError } from '../../errors.js';
import { parseJson } from '../../config/load.js';
import { Reader } from '../../config/validate.js';
import { parseDuration } from './duration.js';

export interface BenchSuite {
  name: string;
  queries?: string;
  sample?: string;
  truth?: string;
  env?: string;
  cutoffs?: number[];
  concurrency?: number[];
  rate?: number | 'auto' | null;
  durationMs?: number;
  serialRequests?: number;
  warmupRequests?: number;
  timeoutMs?: number;
  /** gate flags for --baseline, e.g. { "max-p95-regression": "10%", "max-recall-drop": 0.01 } */
  gates?: Record<string, string | number>;
}

const KEYS = ['$schema', 'description', 'queries', 'sample', 'truth', 'env', 'cutoffs', 'concurrency', 'rate', 'duration', 'serialRequests', 'warmupRequests', 'timeout', 'gates'] as const;

export async function readSuite(path: string, cwd: string): Promise<BenchSuite> {
  const abs = resolve(cwd, path);
  const shown = relative(cwd, abs) || abs;
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch {
    throw new VecstageError('INPUT', `bench suite not found: ${shown} (--suite)`);
  }
  const r = new Reader(shown);
  const o = r.object(parseJson(text, shown), '', KEYS);
  // paths in a suite are relative to the project root (the suite's parent's parent: bench/<name>.json)
  const root = dirname(dirname(abs));
  const rel = (p: unknown, key: string) => relative(cwd, resolve(root, r.string(p, key)));
  const ints = (v: unknown, key: string) => {
    if (!Array.isArray(v) || v.length === 0) throw new VecstageError('INPUT', `invalid ${key} (${shown}); allowed: a non-empty array of integers >= 1`);
    return v.map((x, i) => r.number(x, `${key}[${i}]`, { integer: true, min: 1 }));
  };
  const suite: BenchSuite = { name: shown };
  if (o.queries !== undefined) suite.queries = rel(o.queries, 'queries');
  if (o.sample !== undefined) suite.sample = rel(o.sample, 'sample');
  if (o.truth !== undefined) suite.truth = rel(o.truth, 'truth');
  if (o.env !== undefined) suite.env = r.string(o.env, 'env');
  if (o.cutoffs !== undefined) suite.cutoffs = ints(o.cutoffs, 'cutoffs');
  if (o.concurrency !== undefined) suite.concurrency = ints(o.concurrency, 'concurrency');
  if (o.rate !== undefined) suite.rate = o.rate === 'auto' || o.rate === null ? o.rate : r.number(o.rate, 'rate', { min: 0, exclusiveMin: true });
  if (o.duration !== undefined) suite.durationMs = parseDuration(o.duration as string | number, `duration (${shown})`);
  if (o.timeout !== undefined) suite.timeoutMs = parseDuration(o.timeout as string | number, `timeout (${shown})`);
  if (o.serialRequests !== undefined) suite.serialRequests = r.number(o.serialRequests, 'serialRequests', { integer: true, min: 1 });
  if (o.warmupRequests !== undefined) suite.warmupRequests = r.number(o.warmupRequests, 'warmupRequests', { integer: true, min: 0 });
  if (o.gates !== undefined) {
    const g = r.object(o.gates, 'gates', Object.keys(o.gates as object));
    suite.gates = {};
    for (const [key, v] of Object.entries(g)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new VecstageError('INPUT', `invalid gates.${key} (${shown}); allowed: a number or a percentage string like "10%"`);
      suite.gates[key] = v;
    }
  }
  return suite;
}
