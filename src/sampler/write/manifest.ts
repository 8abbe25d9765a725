/** The sample manifest (manifest.json and the `vecstage:manifest` schema metadata). Pure. */
import { basename } from 'node:path';
import { HASH_FUNCTION } from '../select/hash.js';
import type { SampleOrigin } from '../input/origin.js';
import { SHARD_HASH } from '../input/shard.js';
import type { ResolvedRun } from '../run-context.js';
import type { StratumAllocation } from '../select/select.js';
import type { SamplerSpec } from '../spec/spec-types.js';

export interface SampleManifest {
  schemaVersion: 1;
  kind: 'sample' | 'import';
  source: FileSource | IndexSource;
  /** where the rows came from; sealed environments load only `production` */
  origin: SampleOrigin;
  /** how origin was decided: "--origin", "default", or "detected: ..." */
  originSource: string;
  /** --shard i/n; null when the whole input was sampled */
  shard: { index: number; count: number; hash: string; rowsOutside: number } | null;
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

export interface FileSource {
  kind: 'file' | 'stdin';
  name: string;
  format: string;
  bytes: number;
  mtime: string | null;
  sha256: string;
  sha256Scope: 'full file';
}

export interface IndexSource {
  kind: 'index';
  env: string;
  index: string;
  backend: string;
  /** vector bytes fetched (float32) */
  bytes: number;
  sha256: string;
  sha256Scope: 'ids in listing order';
  /** what the index says it was loaded from (its provenance `source`), if it says */
  provenanceSource: string | null;
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
    source: run.live
      ? {
          kind: 'index',
          env: run.live.env,
          index: run.live.index.name,
          backend: run.live.backend,
          bytes: p.bytes,
          sha256: p.sha256,
          sha256Scope: 'ids in listing order',
          provenanceSource: run.live.provenance?.source ?? null,
        }
      : {
          kind: run.desc.path ? 'file' : 'stdin',
          name: run.desc.path ? basename(run.desc.path) : 'stdin',
          format: run.desc.format,
          bytes: p.bytes,
          mtime: run.desc.mtime ?? null,
          sha256: p.sha256,
          sha256Scope: 'full file',
        },
    origin: run.origin.origin,
    originSource: run.origin.source,
    shard: run.shard ? { index: run.shard.index, count: run.shard.count, hash: SHARD_HASH, rowsOutside: run.shardTally.outside } : null,
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
    notes: run.shard
      ? [...p.notes, `shard ${run.shard.index}/${run.shard.count}: counts cover this shard's rows only; the union of the ${run.shard.count} shard samples is the Bernoulli sample of the whole input`]
      : p.notes,
  };
}
