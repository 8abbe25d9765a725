import { VecstageError } from '../errors.js';
import { loadConfig, resolveEnv } from '../config/load.js';
import { openPointerStore } from '../pointer/open.js';
import { openBackend } from '../backends/open.js';

export interface ResolveIndexOptions {
  cwd?: string;
  configPath?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * The live index of an environment, for applications: `const name = await resolveIndex('prod')`.
 * With a file pointer store this reads one small file (no backend connection).
 */
export async function resolveIndex(envName?: string, opts: ResolveIndexOptions = {}): Promise<string> {
  const processEnv = opts.processEnv ?? process.env;
  const config = await loadConfig({ cwd: opts.cwd ?? process.cwd(), configPath: opts.configPath, env: processEnv });
  const target = resolveEnv(config, envName, processEnv);
  const backend = target.env.pointer.store === 'file' ? undefined : await openBackend(target, { processEnv });
  try {
    const pointer = await openPointerStore(target, backend);
    const state = await pointer.read();
    if (state.current === null) throw new VecstageError('INPUT', `environment "${target.env.name}" has no live index yet (${pointer.location}); run vecstage promote --env ${target.env.name} --index <name-vN>`);
    return state.current;
  } finally {
    await backend?.close();
  }
}
