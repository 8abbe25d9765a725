export { resolveEmbedder, EMBEDDER_KINDS, MAX_BATCH } from './config.js';
export { createEmbedder, type CreateEmbedderOptions } from './create.js';
export { embedTexts, type EmbedItem, type EmbedStageOptions, type EmbedStageResult, type EmbedStageStats } from './stage.js';
export { openEmbedCache, textHash, type EmbedCache, type EmbedCacheOptions } from './embed-cache.js';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { embedderIdentity } from './identity.js';
export { hashingVector, wordTokens, seedOf, type HashingOptions } from './hashing-core.js';
export { endpointOf } from './endpoint.js';
export type { EmbedModule, EmbedModuleOptions } from './module-embedder.js';
