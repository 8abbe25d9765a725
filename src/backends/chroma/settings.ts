import { invalid } from '../../errors.js';
import type { Metric } from '../../config/types.js';

/** Chroma's HNSW collection configuration (chromadb 3: `configuration.hnsw`). */
export interface HnswSettings {
  space: Metric;
  ef_construction?: number;
  max_neighbors?: number;
  ef_search?: number;
  num_threads?: number;
  batch_size?: number;
  sync_threshold?: number;
  resize_factor?: number;
}

const INTEGER_KEYS = ['ef_construction', 'max_neighbors', 'ef_search', 'num_threads', 'batch_size', 'sync_threshold'] as const;
const ALLOWED_KEYS = [...INTEGER_KEYS, 'resize_factor'];

/**
 * spec.settings -> hnsw configuration. Our metrics map 1:1 onto Chroma's spaces, and Chroma's distances already
 * follow our convention (cosine 1 - cos, ip 1 - a.b, l2 squared), so no conversion is needed anywhere.
 * Unknown keys are errors: a typo must not silently change a benchmark.
 */
export function hnswSettings(metric: Metric, settings: Record<string, unknown> | undefined, where = 'index settings'): HnswSettings {
  const out: HnswSettings = { space: metric };
  for (const [key, value] of Object.entries(settings ?? {})) {
    if ((INTEGER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid(`${where}.${key}`, value, 'an integer >= 1');
      out[key as (typeof INTEGER_KEYS)[number]] = value;
    } else if (key === 'resize_factor') {
      if (typeof value !== 'number' || !(value >= 1)) throw invalid(`${where}.${key}`, value, 'a number >= 1');
      out.resize_factor = value;
    } else {
      throw invalid(`${where} key`, key, ALLOWED_KEYS.join(', '));
    }
  }
  return out;
}
