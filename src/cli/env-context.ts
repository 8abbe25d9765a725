/** Shared plumbing for commands that act on an environment: config, env selection, backend lifetime. */
import { loadConfig, resolveEnv } from '../config/load.js';
import type { ResolvedEnv } from '../config/types.js';
import { openBackend } from '../backends/open.js';
import type { VectorBackend } from '../backends/types.js';
import { type CliContext, type FlagValues, stringFlag } from './command.js';

export async function resolveTarget(values: FlagValues, ctx: CliContext): Promise<ResolvedEnv> {
  const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
  return resolveEnv(config, stringFlag(values, 'env'), ctx.env);
}

/** Opens the env's backend, runs fn, and always closes the backend (which stops an embedded Chroma). */
export async function withBackend<T>(target: ResolvedEnv, ctx: CliContext, fn: (backend: VectorBackend) => Promise<T>): Promise<T> {
  const backend = await openBackend(target, { processEnv: ctx.env });
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}
