/** One Embedder from a resolved config: the kind picks the implementation (one file per kind). */
import type { Embedder, EmbedderConfig } from '../types.js';
import { createHashingEmbedder } from './hashing.js';
import { createModuleEmbedder } from './module-embedder.js';
import { createRemoteEmbedder } from './openai-compatible.js';

export interface CreateEmbedderOptions {
  /** where apiKeyEnv is looked up; @default process.env */
  processEnv?: NodeJS.ProcessEnv;
  /** @default Date.now */
  now?: () => number;
}

export async function createEmbedder(config: EmbedderConfig, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  switch (config.kind) {
    case 'hashing':
      return createHashingEmbedder(config);
    case 'openai-compatible':
      return createRemoteEmbedder(config, opts);
    case 'module':
      return createModuleEmbedder(config);
  }
}
