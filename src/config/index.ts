export { loadConfig, resolveEnv, findConfig, builtinConfig, configRelative, parseJson } from './load.js';
export type { LoadConfigOptions } from './load.js';
export { resolveConfig, configHash } from './resolve.js';
export { CONFIG_FILE, DEFAULT_ENV, DEFAULT_SAMPLING, DEFAULT_EMBEDDING, STATE_DIR } from './defaults.js';
export * from './types.js';
