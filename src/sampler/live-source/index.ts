export { liveRows, type LiveRowsOptions } from './live-rows.js';
export { openEnvIndex, type OpenEnvIndexOptions, type OpenedEnvIndex } from './open-env.js';
export { DEFAULT_PAGE_SIZE, LOADER_METADATA_KEYS, type LiveIndexSource } from './types.js';
