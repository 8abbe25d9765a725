export { resolveChunker, CHUNKER_KINDS, DEFAULT_SEPARATORS, DEFAULT_ENCODING } from './config.js';
export { createChunker } from './create-chunker.js';
export { toChunks } from './to-chunks.js';
export { MODULE_OUTPUT } from './module-output.js';
