import type { EmbeddingContract, SamplingBounds } from './types.js';

/** DESIGN §3: the overall fraction must lie in [0.10, 0.20] unless the config widens the bounds. */
export const DEFAULT_SAMPLING: SamplingBounds = { fractionMin: 0.1, fractionMax: 0.2, minPerStratum: 5 };

/** Without a config file: dimension 0 means "infer from the data" and the model is unknown. */
export const DEFAULT_EMBEDDING: EmbeddingContract = { model: 'unknown', dimension: 0, metric: 'cosine' };

export const DEFAULT_ENV = 'dev';
export const CONFIG_FILE = 'vecstage.config.json';
/** Where vecstage keeps local state (embedded Chroma data, pointer files, checkpoints, caches). */
export const STATE_DIR = '.vecstage';
