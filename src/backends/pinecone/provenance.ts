import { METRICS, type Metric } from '../../config/types.js';
import { invalid } from '../../errors.js';
import { PIPELINE_PROVENANCE_KEYS, type IndexProvenance } from '../types.js';

/**
 * Provenance lives in the index's `tags` (API 2026-04 supports them on create, describe and list). Tag values
 * may hold only alphanumerics and ; @ _ - . + space, at most 120 characters (CreateIndexRequest.tags docs), so a
 * value outside that set (a timestamp's ':', a model name's '/') is stored base64url under `<key>_b64`.
 */
const KEYS = {
  model: 'vecstage_model',
  dimension: 'vecstage_dimension',
  metric: 'vecstage_metric',
  sampleManifestHash: 'vecstage_manifest',
  source: 'vecstage_source',
  toolkitVersion: 'vecstage_toolkit',
  createdAt: 'vecstage_created',
  rows: 'vecstage_rows',
  pipeline: 'vecstage_pipeline',
  chunker: 'vecstage_chunker',
  chunkerSourceHash: 'vecstage_chunker_src',
  embedder: 'vecstage_embedder',
  documentsManifestHash: 'vecstage_docs_manifest',
  documents: 'vecstage_documents',
  settings: 'vecstage_settings',
  buildSeconds: 'vecstage_build_s',
  sizeBytes: 'vecstage_size',
} as const satisfies Record<keyof IndexProvenance, string>;

const PLAIN = /^[A-Za-z0-9;@_\-.+ ]{0,120}$/;
const SOURCES = ['production', 'fixture', 'synthetic', 'unknown'] as const;

export function provenanceToTags(p: IndexProvenance): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [field, key] of Object.entries(KEYS) as [keyof IndexProvenance, string][]) {
    const value = p[field];
    if (value === undefined) continue;
    const s = String(value);
    if (PLAIN.test(s)) {
      tags[key] = s;
      continue;
    }
    const encoded = Buffer.from(s, 'utf8').toString('base64url');
    if (encoded.length > 120) throw invalid(`provenance ${field}`, s, 'at most 90 bytes (Pinecone tag values hold 120 characters)');
    tags[`${key}_b64`] = encoded;
  }
  return tags;
}

/** undefined when the index carries no (complete) vecstage provenance, e.g. one vecstage did not create. */
export function tagsToProvenance(tags: Record<string, string> | undefined): IndexProvenance | undefined {
  if (!tags) return undefined;
  const read = (key: string): string | undefined => {
    const plain = tags[key];
    if (plain !== undefined) return plain;
    const enc = tags[`${key}_b64`];
    return enc === undefined ? undefined : Buffer.from(enc, 'base64url').toString('utf8');
  };
  const model = read(KEYS.model);
  const dimension = Number(read(KEYS.dimension));
  const metric = read(KEYS.metric);
  const toolkitVersion = read(KEYS.toolkitVersion);
  const createdAt = read(KEYS.createdAt);
  if (model === undefined || !Number.isInteger(dimension) || !METRICS.includes(metric as Metric) || toolkitVersion === undefined || createdAt === undefined) {
    return undefined;
  }
  const hash = read(KEYS.sampleManifestHash);
  const source = read(KEYS.source);
  const rows = Number(read(KEYS.rows));
  return {
    model,
    dimension,
    metric: metric as Metric,
    ...(hash === undefined ? {} : { sampleManifestHash: hash }),
    ...(source !== undefined && (SOURCES as readonly string[]).includes(source) ? { source: source as IndexProvenance['source'] } : {}),
    toolkitVersion,
    createdAt,
    ...(Number.isInteger(rows) && rows >= 0 && read(KEYS.rows) !== undefined ? { rows } : {}),
    ...pipelineFields(read),
    ...sweepFields(read),
  };
}

/** The fields `load --settings-sweep` adds. */
function sweepFields(read: (key: string) => string | undefined): Partial<IndexProvenance> {
  const out: Partial<IndexProvenance> = {};
  const settings = read(KEYS.settings);
  if (settings !== undefined) out.settings = settings;
  const seconds = Number(read(KEYS.buildSeconds) ?? Number.NaN);
  if (seconds >= 0) out.buildSeconds = seconds;
  const size = Number(read(KEYS.sizeBytes) ?? Number.NaN);
  if (Number.isInteger(size) && size >= 0) out.sizeBytes = size;
  return out;
}

/** The fields `vecstage build` adds (absent on indexes loaded from vectors). */
function pipelineFields(read: (key: string) => string | undefined): Partial<IndexProvenance> {
  const out: Partial<IndexProvenance> = {};
  for (const k of PIPELINE_PROVENANCE_KEYS) {
    const v = read(KEYS[k]);
    if (v === undefined) continue;
    if (k === 'documents') {
      const n = Number(v);
      if (Number.isInteger(n) && n >= 0) out.documents = n;
    } else out[k] = v;
  }
  return out;
}
