import { invalid } from '../errors.js';
import { BAD_KINDS, EDGE_KINDS, type BadKind, type EdgeKind, type InjectionKind } from './kinds.js';
import { TENANTS } from './vocab.js';
import { type RandomFactory, xoshiro128 } from './random.js';

/** bumped whenever the same options would produce different bytes (caches of generated data key on it) */
export const GENERATOR_VERSION = 3;

export type ExportFormat = 'csv' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

/** User-facing options, all optional. */
export interface GenerateOptions {
  /** data rows written, bad rows included. @default 20000 */
  rows?: number;
  /** embedding dimension. @default 64 */
  dim?: number;
  /** @default 1 */
  seed?: number;
  /** @default 'csv' */
  format?: ExportFormat;
  /** gaussian topic clusters on the unit sphere. @default 16 */
  clusters?: number;
  /** distinct tenants (Zipf-distributed, at most 16). @default 12 */
  tenants?: number;
  /** Zipf exponent of the tenant distribution. @default 1.1 */
  zipf?: number;
  /** spread of a row around its cluster centre (norm of the noise before normalising). @default 0.6 */
  spread?: number;
  /** rows of the one rare stratum (a tenant x lang that appears nowhere else). @default 3 */
  rareStratumRows?: number;
  /** fraction of rows per edge-case kind (at least one row when > 0). @default 0.002 each */
  edgeRates?: Partial<Record<EdgeKind, number>>;
  /** fraction of rows per bad-row kind (at least one row when > 0). @default 0.0005 each */
  badRates?: Partial<Record<BadKind, number>>;
  /** length of the long-text edge case, in characters. @default 20000 */
  longTextChars?: number;
  /** injectable PRNG. @default xoshiro128** */
  random?: RandomFactory;
}

export interface ResolvedGenerateOptions {
  rows: number;
  dim: number;
  seed: number;
  format: ExportFormat;
  clusters: number;
  tenants: number;
  zipf: number;
  spread: number;
  rareStratumRows: number;
  /** rows per injection kind, already rounded */
  counts: Record<InjectionKind, number>;
  longTextChars: number;
  random: RandomFactory;
}

export const GENERATE_DEFAULTS = {
  rows: 20000,
  dim: 64,
  seed: 1,
  format: 'csv',
  clusters: 16,
  tenants: 12,
  zipf: 1.1,
  spread: 0.6,
  rareStratumRows: 3,
  edgeRate: 0.002,
  badRate: 0.0005,
  longTextChars: 20000,
} as const;

export function resolveGenerateOptions(o: GenerateOptions = {}): ResolvedGenerateOptions {
  const rows = int('rows', o.rows ?? GENERATE_DEFAULTS.rows, 1, 1e9);
  const dim = int('dim', o.dim ?? GENERATE_DEFAULTS.dim, 2, 65536);
  const seed = int('seed', o.seed ?? GENERATE_DEFAULTS.seed, 0, 2 ** 53 - 1);
  const format = o.format ?? GENERATE_DEFAULTS.format;
  if (!EXPORT_FORMATS.includes(format)) throw invalid('format', format, EXPORT_FORMATS.join(', '));
  const counts = {} as Record<InjectionKind, number>;
  for (const k of EDGE_KINDS) counts[k] = countFor(`edgeRates.${k}`, o.edgeRates?.[k] ?? GENERATE_DEFAULTS.edgeRate, rows);
  for (const k of BAD_KINDS) counts[k] = countFor(`badRates.${k}`, o.badRates?.[k] ?? GENERATE_DEFAULTS.badRate, rows);
  const unknown = [...Object.keys(o.edgeRates ?? {}).filter((k) => !(EDGE_KINDS as readonly string[]).includes(k)),
    ...Object.keys(o.badRates ?? {}).filter((k) => !(BAD_KINDS as readonly string[]).includes(k))];
  if (unknown.length > 0) throw invalid('injection kind', unknown[0], [...EDGE_KINDS, ...BAD_KINDS].join(', '));
  const rareStratumRows = int('rareStratumRows', o.rareStratumRows ?? GENERATE_DEFAULTS.rareStratumRows, 0, 1e6);
  // every injected row and every row an injection copies from must be distinct and clean
  const injected = Object.values(counts).reduce((a, b) => a + b, 0);
  const sourced = counts['duplicate-vector'] + counts['near-duplicate-vector'] + counts['repeated-id'];
  if (injected + sourced + rareStratumRows > rows / 2) {
    throw invalid('rows', rows, `at least ${2 * (injected + sourced + rareStratumRows)} for the requested injections (or lower rates)`);
  }
  return {
    rows,
    dim,
    seed,
    format,
    clusters: int('clusters', o.clusters ?? GENERATE_DEFAULTS.clusters, 1, 4096),
    tenants: int('tenants', o.tenants ?? GENERATE_DEFAULTS.tenants, 3, TENANTS.length),
    zipf: num('zipf', o.zipf ?? GENERATE_DEFAULTS.zipf, 0, 10),
    spread: num('spread', o.spread ?? GENERATE_DEFAULTS.spread, 0, 100),
    rareStratumRows,
    counts,
    longTextChars: int('longTextChars', o.longTextChars ?? GENERATE_DEFAULTS.longTextChars, 100, 1e8),
    random: o.random ?? xoshiro128,
  };
}

function countFor(name: string, rate: number, rows: number): number {
  num(name, rate, 0, 0.05);
  return rate > 0 ? Math.max(1, Math.round(rate * rows)) : 0;
}

function int(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(name, v, `an integer in [${min}, ${max}]`);
  return v;
}

function num(name: string, v: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw invalid(name, v, `a number in [${min}, ${max}]`);
  return v;
}
