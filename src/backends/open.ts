/**
 * Opens the backend of an environment. Adapters are imported on demand so commands that never touch a backend
 * (sample, metrics) do not load the Chroma or Pinecone clients.
 */
import type { ResolvedEnv } from '../config/types.js';
import type { VectorBackend } from './types.js';

export interface OpenBackendOptions {
  processEnv?: NodeJS.ProcessEnv;
}

const memoryBackends = new Map<string, VectorBackend>();

export async function openBackend({ config, env }: ResolvedEnv, opts: OpenBackendOptions = {}): Promise<VectorBackend> {
  const b = env.backend;
  switch (b.kind) {
    case 'memory': {
      // one in-process store per project and env, so a load and a bench in the same process (the demo, tests)
      // share it, and two projects in one process (tests) do not see each other's indexes
      const { createMemoryBackend } = await import('./memory/index.js');
      const key = `${config.dir}\0${env.name}`;
      const backend = memoryBackends.get(key) ?? createMemoryBackend();
      memoryBackends.set(key, backend);
      // each command closes its backend when done; that must not empty the store the next command reads
      return { ...backend, close: async () => {} };
    }
    case 'chroma': {
      const { createChromaBackend } = await import('./chroma/index.js');
      return createChromaBackend(b, { dir: config.dir });
    }
    case 'pinecone': {
      const { createPineconeBackend } = await import('./pinecone/index.js');
      return createPineconeBackend(b, { env: opts.processEnv ?? process.env });
    }
  }
}
