import { METRICS, type Metric } from '../../config/types.js';
import { PIPELINE_PROVENANCE_KEYS, SWEEP_PROVENANCE_KEYS, type IndexProvenance } from '../types.js';

/**
 * Provenance lives in the collection's metadata as flat `vecstage:<field>` keys, because Chroma collection
 * metadata holds scalars only.
 */
export const PREFIX = 'vecstage:';
const SOURCES = ['production', 'fixture', 'synthetic', 'unknown'] as const;

export function provenanceToMetadata(p: IndexProvenance): Record<string, string | number> {
  const out: Record<string, string | number> = {
    [`${PREFIX}model`]: p.model,
    [`${PREFIX}dimension`]: p.dimension,
    [`${PREFIX}metric`]: p.metric,
    [`${PREFIX}toolkitVersion`]: p.toolkitVersion,
    [`${PREFIX}createdAt`]: p.createdAt,
  };
  if (p.sampleManifestHash !== undefined) out[`${PREFIX}sampleManifestHash`] = p.sampleManifestHash;
  if (p.source !== undefined) out[`${PREFIX}source`] = p.source;
  if (p.rows !== undefined) out[`${PREFIX}rows`] = p.rows;
  for (const k of PIPELINE_PROVENANCE_KEYS) {
    const v = p[k];
    if (v !== undefined) out[`${PREFIX}${k}`] = v;
  }
  for (const k of SWEEP_PROVENANCE_KEYS) {
    const v = p[k];
    if (v !== undefined) out[`${PREFIX}${k}`] = v;
  }
  return out;
}

/** undefined when the collection was not created by vecstage (a key is missing or malformed). */
export function metadataToProvenance(m: Record<string, unknown> | null | undefined): IndexProvenance | undefined {
  if (!m) return undefined;
  const get = (k: string): unknown => m[`${PREFIX}${k}`];
  const model = get('model');
  const dimension = get('dimension');
  const metric = get('metric');
  const toolkitVersion = get('toolkitVersion');
  const createdAt = get('createdAt');
  if (typeof model !== 'string' || typeof toolkitVersion !== 'string' || typeof createdAt !== 'string') return undefined;
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) return undefined;
  if (!isMetric(metric)) return undefined;
  const p: IndexProvenance = { model, dimension, metric, toolkitVersion, createdAt };
  const hash = get('sampleManifestHash');
  if (typeof hash === 'string') p.sampleManifestHash = hash;
  const source = get('source');
  if (typeof source === 'string' && (SOURCES as readonly string[]).includes(source)) p.source = source as IndexProvenance['source'];
  const rows = get('rows');
  if (typeof rows === 'number' && Number.isInteger(rows) && rows >= 0) p.rows = rows;
  for (const k of PIPELINE_PROVENANCE_KEYS) {
    const v = get(k);
    if (k === 'documents') {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) p.documents = v;
    } else if (typeof v === 'string') p[k] = v;
  }
  const settings = get('settings');
  if (typeof settings === 'string') p.settings = settings;
  const seconds = get('buildSeconds');
  if (typeof seconds === 'number' && seconds >= 0) p.buildSeconds = seconds;
  const size = get('sizeBytes');
  if (typeof size === 'number' && Number.isInteger(size) && size >= 0) p.sizeBytes = size;
  return p;
}

export function isMetric(v: unknown): v is Metric {
  return typeof v === 'string' && (METRICS as readonly string[]).includes(v);
}
