/**
 * The embedder identity: sha256 over what changes the vectors, and nothing else. Not the API key (a rotated key
 * gives the same vectors), not batch size, concurrency, timeouts or the wire encoding (base64 and float JSON carry
 * the same float32 values). For a remote embedder the endpoint's origin and path count (another host may serve
 * another model under the same name); its query string (Azure's api-version) does not.
 */
import { createHash } from 'node:crypto';
import type { EmbedderConfig } from '../types.js';
import { endpointOf } from './endpoint.js';

export function embedderIdentity(c: EmbedderConfig): string {
  const parts: Record<string, unknown> = { v: 1, kind: c.kind, model: c.model, dimension: c.dimension ?? null };
  switch (c.kind) {
    case 'hashing':
      Object.assign(parts, { ngrams: c.ngrams, seed: c.seed, sublinearTf: c.sublinearTf });
      break;
    case 'openai-compatible': {
      const u = endpointOf(c.url);
      Object.assign(parts, { endpoint: `${u.origin}${u.pathname}`, sendDimensions: c.sendDimensions });
      break;
    }
    case 'module':
      Object.assign(parts, { sourceHash: c.sourceHash, options: c.options });
      break;
  }
  return createHash('sha256').update(JSON.stringify(parts, sortedKeys)).digest('hex');
}

/** A JSON.stringify replacer that writes every object's keys in sorted order (canonical JSON). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
