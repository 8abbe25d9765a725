/**
 * The manifest of a document sample (manifest.json and the `vecstage:manifest` schema metadata): the vector
 * manifest's selection record without the embedding, with `kind: "documents"` and text statistics. Pure.
 */
import { basename } from 'node:path';
import { HASH_FUNCTION } from '../select/hash.js';
import { specJson, type FileSource } from '../write/manifest.js';
import type { SampleOrigin } from '../input/origin.js';
import type { ResolvedRun } from '../run-context.js';
import type { StratumAllocation } from '../select/select.js';
import type { TextStats } from './text-stats.js';

export interface DocumentManifest {
  schemaVersion: 1;
  kind: 'documents';
  /** sample: the stratified selection; import: every valid document (inclusion_prob 1) */
  purpose: 'sample' | 'import';
  source: FileSource;
  origin: SampleOrigin;
  originSource: string;
  /** document exports are not sharded */
  shard: null;
  mode: 'exact' | 'bernoulli';
  seed: string;
  hashFunction: string;
  fraction: { requested: number; bounds: [number, number] | null; actual: number };
  minPerStratum: number;
  stratifyBy: string[];
  columns: { id: string; text: string; metadata: string[] | null; metadataJson: string | null };
  counts: { rows_read: number; rows_valid: number; rows_rejected: number; sample_rows: number; stratified: number; edge_cases: number };
  strata: Array<StratumAllocation & { sampled: number }>;
  tags: Record<string, { tagged: number; kept: number; cap: number | null; inSample: number }>;
  rejects: Record<string, number>;
  detectors: Record<string, unknown>;
  /** lengths of the valid documents' texts, and of the sampled ones */
  text: { input: TextStats; sample: TextStats };
  spec: Record<string, unknown>;
  notes: string[];
}

export interface DocumentManifestParts {
  bytes: number;
  sha256: string;
  rowsRead: number;
  rowsValid: number;
  rejects: Record<string, number>;
  strata: Array<StratumAllocation & { sampled: number }>;
  tags: DocumentManifest['tags'];
  stratified: number;
  edgeCases: number;
  detectors: Record<string, unknown>;
  text: DocumentManifest['text'];
  notes: string[];
}

export function buildDocumentManifest(run: ResolvedRun, p: DocumentManifestParts): DocumentManifest {
  const rowsRejected = Object.values(p.rejects).reduce((a, b) => a + b, 0);
  const sampleRows = p.stratified + p.edgeCases;
  const c = run.spec.columns;
  return {
    schemaVersion: 1,
    kind: 'documents',
    purpose: run.keepAll ? 'import' : 'sample',
    source: {
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
    shard: null,
    mode: run.mode,
    seed: run.seed,
    hashFunction: HASH_FUNCTION,
    fraction: { requested: run.fraction, bounds: run.fractionBounds, actual: p.rowsValid ? sampleRows / p.rowsValid : 0 },
    minPerStratum: run.minPerStratum,
    stratifyBy: run.spec.stratifyBy,
    columns: { id: c.id, text: c.text as string, metadata: c.metadata, metadataJson: c.metadataJson },
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
    text: p.text,
    // the column mapping without the embedding (`columns` above)
    spec: { ...specJson(run.spec), columns: { id: c.id, text: c.text, metadata: c.metadata, metadataJson: c.metadataJson }, fixtureFiles: run.fixtureFiles.map((f) => basename(f)) },
    notes: p.notes,
  };
}
