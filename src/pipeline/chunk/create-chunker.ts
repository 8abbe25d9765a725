/** The chunker a resolved config describes: a built-in kind, or a module's default export. */
import type { Chunker, ChunkerConfig } from '../types.js';
import { createBuiltInChunker } from './built-in.js';
import { createModuleChunker } from './module-chunker.js';

export function createChunker(config: ChunkerConfig): Promise<Chunker> {
  return config.kind === 'module' ? createModuleChunker(config) : createBuiltInChunker(config);
}
