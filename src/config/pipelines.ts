/**
 * `pipelines` in vecstage.config.json: named recipes from raw documents to vectors, each one chunker and one
 * embedder. The chunk and embed modules validate their own sections (they know their options); this file checks
 * the names and the embedding contract that can be checked without calling anything (declared model/dimension).
 */
import { VecstageError } from '../errors.js';
import type { PipelineConfig } from '../pipeline/types.js';
import { resolveChunker } from '../pipeline/chunk/config.js';
import { resolveEmbedder } from '../pipeline/embed/config.js';
import type { Reader } from './validate.js';

const PIPELINE_KEYS = ['chunker', 'embedder', 'description'] as const;
/** Pipeline names end up in index provenance and report file names: keep them short and plain. */
const PIPELINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;

export function resolvePipelines(r: Reader, raw: unknown, configDir: string): Record<string, PipelineConfig> {
  const o = r.object(raw, 'pipelines', Object.keys((raw ?? {}) as object));
  const out: Record<string, PipelineConfig> = {};
  for (const [name, value] of Object.entries(o)) {
    r.string(name, 'pipelines key', { pattern: PIPELINE_NAME, allowed: '1-40 chars of letters, digits, _ . and -, starting with a letter or digit' });
    const path = `pipelines.${name}`;
    const p = r.object(value, path, PIPELINE_KEYS);
    if (p.chunker === undefined) throw new VecstageError('INPUT', `missing key ${path}.chunker (${r.source}); e.g. {"kind": "sliding-window", "size": 512, "overlap": 64, "unit": "chars"}`);
    if (p.embedder === undefined) throw new VecstageError('INPUT', `missing key ${path}.embedder (${r.source}); e.g. {"kind": "hashing", "dimension": 256}`);
    if (p.description !== undefined) r.string(p.description, `${path}.description`);
    out[name] = {
      name,
      chunker: resolveChunker(r, `${path}.chunker`, p.chunker, configDir),
      embedder: resolveEmbedder(r, `${path}.embedder`, p.embedder, configDir),
    };
  }
  return out;
}
