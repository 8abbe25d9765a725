/** Short, stable descriptions of a pipeline's parts, for index provenance (Pinecone tags hold 120 characters). */
import { createHash } from 'node:crypto';
import type { ChunkerConfig, EmbedderConfig } from '../pipeline/types.js';

/** e.g. `sliding-window size=512 overlap=64 unit=chars`; lists and objects as a short hash, never a path. */
export function describeChunker(c: ChunkerConfig): string {
  if (c.kind === 'module') return `module ${c.module}${Object.keys(c.options).length ? ` options=${shortHash(c.options)}` : ''}`;
  const parts: string[] = [c.kind];
  for (const [k, v] of Object.entries(c)) {
    if (k === 'kind') continue;
    parts.push(`${k}=${typeof v === 'object' && v !== null ? shortHash(v) : String(v)}`);
  }
  return parts.join(' ');
}

export function describeEmbedder(e: EmbedderConfig): string {
  return `${e.kind}:${e.model}`;
}

/** The chunker settings as the chunk manifest records them: no absolute paths. */
export function portableChunker(c: ChunkerConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'path'));
}

function shortHash(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 8);
}
