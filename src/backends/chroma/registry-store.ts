/**
 * Pointer store in Chroma (DESIGN §7): a registry collection whose metadata key `vecstage:pointer:<env>` holds
 * the env's pointer state as JSON. A promote is one metadata update, so readers see the old or the new pointer,
 * never a half-swapped pair (unlike renaming two collections). Writers are last-writer-wins: run promotes of one
 * env from one CI job at a time (the file store serialises writers with a lock; Chroma has no compare-and-set).
 */
import { VecstageError } from '../../errors.js';
import type { VectorBackend } from '../types.js';
import { type PointerState, type PointerStore, emptyPointer, promoted, rolledBack } from '../../pointer/types.js';

export const REGISTRY_COLLECTION = 'vecstage-registry';

interface Registry {
  read(): Promise<Record<string, unknown>>;
  write(metadata: Record<string, string>): Promise<void>;
}

export async function createChromaRegistryStore(backend: VectorBackend, env: string, now: () => Date = () => new Date()): Promise<PointerStore> {
  const withRegistry = backend as VectorBackend & { registry?: (name: string) => Promise<Registry> };
  if (typeof withRegistry.registry !== 'function') throw new VecstageError('INPUT', `pointer store chroma-registry needs a chroma backend, got ${backend.kind}`);
  const reg = await withRegistry.registry(REGISTRY_COLLECTION);
  const key = `vecstage:pointer:${env}`;
  const location = `chroma collection ${REGISTRY_COLLECTION} (${key})`;
  const read = async (): Promise<PointerState> => {
    const raw = (await reg.read())[key];
    if (raw === undefined) return emptyPointer(env);
    try {
      return JSON.parse(String(raw)) as PointerState;
    } catch (err) {
      throw new VecstageError('INPUT', `corrupt pointer in ${location}: ${(err as Error).message}`);
    }
  };
  const write = async (state: PointerState) => {
    await reg.write({ [key]: JSON.stringify(state) });
    return state;
  };
  return {
    location,
    read,
    promote: async (to, meta) => write(promoted(await read(), to, now().toISOString(), meta?.report)),
    rollback: async () => {
      const next = rolledBack(await read(), now().toISOString());
      if (!next) throw new VecstageError('CHECK_FAILED', `nothing to roll back to: environment "${env}" has no earlier live index (${location})`);
      return write(next);
    },
  };
}
