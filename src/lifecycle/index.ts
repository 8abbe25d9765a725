export { promote, rollback, type PromoteOptions, type PromoteResult } from './promote.js';
export { resolveIndex, type ResolveIndexOptions } from './resolve-index.js';
