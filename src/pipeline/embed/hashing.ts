/** The `hashing` embedder: the deterministic lexical embedder of ./hashing-core.ts behind the Embedder port. */
import type { EmbedResponse, Embedder, EmbedderConfig } from '../types.js';
import { hashingVector, seedOf, type HashingOptions } from './hashing-core.js';
import { embedderIdentity } from './identity.js';

type HashingConfig = Extract<EmbedderConfig, { kind: 'hashing' }>;

/** Texts per call: there is no wire, so a batch only sets how often the stage reports progress and flushes. */
const HASHING_BATCH = 256;

export function createHashingEmbedder(config: HashingConfig): Embedder {
  const options: HashingOptions = { dimension: config.dimension, ngrams: config.ngrams, seed: seedOf(config.seed), sublinearTf: config.sublinearTf };
  return {
    config,
    model: config.model,
    dimension: config.dimension,
    maxBatch: HASHING_BATCH,
    identity: embedderIdentity(config),
    async embed(texts: readonly string[]): Promise<EmbedResponse> {
      // no provider, so no token count
      return { vectors: texts.map((t) => hashingVector(t, options)) };
    },
  };
}
