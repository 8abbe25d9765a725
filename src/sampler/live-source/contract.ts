/**
 * The embedding contract (DESIGN §2) between the config and a live index, checked before anything is read; a
 * mismatch is refused naming both sides. An unknown dimension (0) in the config takes the index's.
 */
import { checkContract } from '../../safety/contract.js';
import type { LiveIndexSource } from './types.js';

export interface RunEmbedding {
  model: string;
  dimension: number;
  metric: string;
  dimensionSource: string;
}

export function liveEmbedding(live: LiveIndexSource, config: { model: string; dimension: number; metric: string }, configSource = 'config'): RunEmbedding {
  checkContract(
    { label: `the embedding contract (${configSource})`, model: config.model, dimension: config.dimension, metric: config.metric },
    { label: `index "${live.index.name}" (env ${live.env})`, model: live.provenance?.model, dimension: live.index.dimension, metric: live.index.metric },
  );
  if (config.dimension > 0) return { ...config, dimensionSource: configSource };
  return { ...config, dimension: live.index.dimension, dimensionSource: `index "${live.index.name}"` };
}
