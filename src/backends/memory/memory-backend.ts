/** The memory backend: a Map of in-process indexes. Exact search; for tests, ground truth and small runs. */
import { METRICS } from '../../config/types.js';
import { VecstageError, invalid } from '../../errors.js';
import { kernelInfo } from '../../kernel/index.js';
import type { CreateIndexSpec, IndexInfo, VectorBackend, VectorIndex } from '../types.js';
import { MemoryIndex } from './memory-index.js';

export function createMemoryBackend(): VectorBackend {
  const indexes = new Map<string, MemoryIndex>();
  return {
    kind: 'memory',
    acceptsZeroVectors: () => true,
    async version() {
      const k = kernelInfo();
      return `memory (exact; ${k.kernel} kernel${k.kernel === 'native' && k.isa ? ` ${k.isa}` : ''})`;
    },
    async listIndexes(): Promise<IndexInfo[]> {
      return [...indexes.values()].map((ix) => ix.info());
    },
    async createIndex(spec: CreateIndexSpec): Promise<VectorIndex> {
      if (typeof spec.name !== 'string' || spec.name.length === 0) throw invalid('index name', spec.name, 'a non-empty string', 'createIndex');
      if (!Number.isSafeInteger(spec.dimension) || spec.dimension < 1) {
        throw invalid('dimension', spec.dimension, 'an integer >= 1', `createIndex ${spec.name}`);
      }
      if (!METRICS.includes(spec.metric)) throw invalid('metric', spec.metric, METRICS.join(', '), `createIndex ${spec.name}`);
      if (indexes.has(spec.name)) {
        throw new VecstageError('INPUT', `index ${JSON.stringify(spec.name)} already exists in the memory backend; drop it first or choose another name`);
      }
      const ix = new MemoryIndex(spec.name, spec.dimension, spec.metric, { ...spec.provenance });
      indexes.set(spec.name, ix);
      return ix;
    },
    async openIndex(name: string): Promise<VectorIndex> {
      const ix = indexes.get(name);
      if (!ix) throw missing(name, indexes);
      return ix;
    },
    async dropIndex(name: string): Promise<void> {
      if (!indexes.delete(name)) throw missing(name, indexes);
    },
    async close(): Promise<void> {
      indexes.clear();
    },
  };
}

function missing(name: string, indexes: Map<string, MemoryIndex>): VecstageError {
  const have = [...indexes.keys()];
  return new VecstageError('INPUT', `index ${JSON.stringify(name)} does not exist in the memory backend; existing: ${have.length ? have.join(', ') : '(none)'}`);
}
