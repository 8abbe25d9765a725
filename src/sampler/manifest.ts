/** The sample manifest (manifest.json and the `vecstage:manifest` schema metadata). Pure. */
import { basename } from 'node:path';
import { HASH_FUNCTION } from './hash.js';
import type { ResolvedRun } from './run-context.js';
import type { StratumAllocation } from './select.js';
import type { SamplerSpec } from './spec-types.js';

export interface SampleManifest {
  schemaVersion: 1;
  kind: 'sample' | 'import';
  source: { name: string; format: string; bytes: number; mtime: string | null; sha256: string; sha256Scope: 'full file' };
  mode: 'exact' | 'bernoulli';
  seed: string;
  hashFunction: string;
  fraction: { requested: number; bounds: [number, number] | null; actual: number };
  minPerStratum: number;
  stratifyBy: string[];
  embedding: { model: string; dimension: number; metric: string; dimensionSource: string };
  counts: { rows_read: number; rows_valid: number; rows_rejected: number; sample_rows: number; stratified: number; edge_cases: number };
  strata: Array<StratumAllocation & { sampled: number }>;
  tags: Record<string, { tagged: number; kept: number; cap: number | null; inSample: number }>;
  rejects: Record<string, number>;
  detectors: Record<string, unknown>;
  spec: Record<string, unknown>;
  notes: string[];
}

export function specJson(spec: SamplerSpec): Record<string, unknown> {
  return {
    source: spec.source,
    columns: spec.columns,
    detectors: spec.detectors,
    caps: spec.caps,
    rules: spec.rules.map((r) => (r.kind === 'regex' ? { tag: r.tag, field: r.field, regex: r.regex.source, flags: r.regex.flags } : { tag: r.tag, where: r.where })),
    fixtures: spec.fixtures,
  };
}

export interface ManifestParts {
  bytes: number;
  sha256: string;
  rowsRead: number;
  rowsValid: number;
  rejects: Record<string, number>;
  strata: Array<StratumAllocation & { sampled: number }>;
  tags: SampleManifest['tags'];
  stratified: number;
  edgeCases: number;
  detectors: Record<string, unknown>;
  notes: string[];
}

export function buildManifest(run: ResolvedRun, p: ManifestParts): SampleManifest {
  const rowsRejected = Object.values(p.rejects).reduce((a, b) => a + b, 0);
  const sampleRows = p.stratified + p.edgeCases;
  return {
    schemaVersion: 1,
    kind: run.keepAll ? 'import' : 'sample',
    source: {
      name: run.desc.path ? basename(run.desc.path) : 'stdin',
      format: run.desc.format,
      bytes: p.bytes,
      mtime: run.desc.mtime ?? null,
      sha256: p.sha256,
      sha256Scope: 'full file',
    },
    mode: run.mode,
    seed: run.seed,
    hashFunction: HASH_FUNCTION,
    fraction: { requested: run.fraction, bounds: run.fractionBounds, actual: p.rowsValid ? sampleRows / p.rowsValid : 0 },
    minPerStratum: run.minPerStratum,
    stratifyBy: run.spec.stratifyBy,
    embedding: { ...run.embedding },
    counts: {
      rows_read: p.rowsRead,
      rows_valid: p.rowsValid,
      rows_rejected: rowsRejected,
      sample_rows: sampleRows,
      stratified: p.stratified,
      edge_cases: p.edgeCases,
    },
    strata: p.strata,
    tags: p.tags,
    rejects: p.rejects,
    detectors: p.detectors,
    spec: { ...specJson(run.spec), fixtureFiles: run.fixtureFiles.map((f) => basename(f)) },
    notes: p.notes,
  };
}
