import type { ResolvedEnv } from '../config/types.js';
import { configRelative } from '../config/load.js';
import { VecstageError } from '../errors.js';
import type { VectorBackend } from '../backends/types.js';
import { createFilePointerStore } from './file-store.js';
import type { PointerStore } from './types.js';

/** The pointer store an environment is configured with (DESIGN §7). */
export async function openPointerStore({ config, env }: ResolvedEnv, backend?: VectorBackend): Promise<PointerStore> {
  if (env.pointer.store === 'file') return createFilePointerStore({ path: configRelative(config, env.pointer.path), env: env.name });
  if (!backend || backend.kind !== 'chroma') throw new VecstageError('INPUT', `environment "${env.name}": pointer store chroma-registry needs its chroma backend`);
  const { createChromaRegistryStore } = await import('../backends/chroma/registry-store.js');
  return createChromaRegistryStore(backend, env.name);
}
