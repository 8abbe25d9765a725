export { loadSample, toRecord, type LoadOptions, type LoadResult } from './loader.js';
export { openSampleSource } from './arrow-source.js';
export type { SampleSource, SampleSourceRow } from './source.js';
export { withRetry, createBudget, retryReason, DEFAULT_RETRY, type RetryPolicy, type RetryBudget } from './retry.js';
export { nextVersionName, parseVersion } from './versions.js';
