import { VecstageError } from '../errors.js';
import type { PipelineConfig } from '../pipeline/types.js';
import type { EmbeddingContract } from './types.js';

/**
 * DESIGN §2: one embedding model and dimension everywhere. A pipeline whose embedder declares another model or
 * dimension than the config's `embedding` can never build a valid index: refuse it when it is used (exit 3),
 * naming both sides, before any document is read.
 */
export function checkPipelineContract(pipeline: PipelineConfig, contract: EmbeddingContract, where: string): void {
  const e = pipeline.embedder;
  const declaredDim = e.dimension;
  const problems: string[] = [];
  if (contract.model !== 'unknown' && e.model !== contract.model) problems.push(`model "${e.model}" vs "${contract.model}"`);
  if (declaredDim !== undefined && contract.dimension > 0 && declaredDim !== contract.dimension) problems.push(`dimension ${declaredDim} vs ${contract.dimension}`);
  if (problems.length === 0) return;
  throw new VecstageError(
    'REFUSED',
    `refused: embedding contract mismatch: pipeline "${pipeline.name}" embeds with ${problems.join(' and ')} required by ${where}; allowed: an embedder of model "${contract.model}" and dimension ${contract.dimension}, or change the config's embedding section for every environment`,
    { details: { pipeline: pipeline.name, embedder: { model: e.model, dimension: declaredDim }, contract } },
  );
}
