/**
 * Opens an environment's live index for sampling (IO edge): the env's backend, the index named by `index` or else
 * the one the env's pointer targets, and its provenance. Read-only, so sealed environments allow it (sampling the
 * production index is the point). The caller closes the backend (which stops an embedded Chroma).
 */
import { openBackend } from '../../backends/open.js';
import type { VectorBackend } from '../../backends/types.js';
import type { ResolvedEnv } from '../../config/types.js';
import { VecstageError } from '../../errors.js';
import { openPointerStore } from '../../pointer/open.js';
import type { LiveIndexSource } from './types.js';

export interface OpenEnvIndexOptions {
  /** the index to scan; @default the env's live index (its pointer) */
  index?: string | undefined;
  processEnv?: NodeJS.ProcessEnv;
  pageSize?: number;
}

export interface OpenedEnvIndex {
  source: LiveIndexSource;
  close(): Promise<void>;
}

export async function openEnvIndex(target: ResolvedEnv, opts: OpenEnvIndexOptions = {}): Promise<OpenedEnvIndex> {
  const backend: VectorBackend = await openBackend(target, opts.processEnv ? { processEnv: opts.processEnv } : {});
  try {
    let name = opts.index;
    if (name === undefined) {
      const pointer = await openPointerStore(target, backend);
      const state = await pointer.read();
      if (state.current === null) {
        throw new VecstageError('USAGE', `environment "${target.env.name}" has no live index (${pointer.location}); name one with --index, or promote one first`);
      }
      name = state.current;
    }
    const index = await backend.openIndex(name);
    const info = await index.describe();
    const source: LiveIndexSource = { index, env: target.env.name, backend: backend.kind, provenance: info.provenance };
    if (opts.pageSize !== undefined) source.pageSize = opts.pageSize;
    return { source, close: () => backend.close() };
  } catch (err) {
    await backend.close();
    throw err;
  }
}
