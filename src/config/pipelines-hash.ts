import type { PipelineConfig } from '../pipeline/types.js';

/** The pipelines part of the config hash: relative module names and their source hashes, never this machine's paths. */
export function canonicalPipelines(pipelines: Record<string, PipelineConfig>): unknown {
  const strip = (v: object): object => Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'path'));
  return Object.fromEntries(Object.entries(pipelines).map(([n, p]) => [n, { chunker: strip(p.chunker), embedder: strip(p.embedder) }]));
}
