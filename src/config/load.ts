/** Finds, reads and resolves vecstage.config.json, and picks the environment (IO edge of the config module). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { VecstageError } from '../errors.js';
import { CONFIG_FILE, DEFAULT_ENV, DEFAULT_SAMPLING, DEFAULT_EMBEDDING, STATE_DIR } from './defaults.js';
import { configHash, resolveConfig } from './resolve.js';
import type { ResolvedConfig, ResolvedEnv } from './types.js';

export interface LoadConfigOptions {
  cwd: string;
  /** --config; default: the nearest vecstage.config.json in cwd and its ancestors */
  configPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export async function loadConfig(opts: LoadConfigOptions): Promise<ResolvedConfig> {
  const path = opts.configPath !== undefined ? resolve(opts.cwd, opts.configPath) : findConfig(opts.cwd);
  if (path === undefined) return builtinConfig(opts.cwd);
  const shown = relative(opts.cwd, path) || path;
  if (!existsSync(path)) throw new VecstageError('INPUT', `config file not found: ${shown} (--config)`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VecstageError('INPUT', `cannot read config ${shown}: ${(err as Error).message}`, { cause: err });
  }
  return resolveConfig(parseJson(text, shown), shown, dirname(path), path);
}

/** The nearest vecstage.config.json in dir and its ancestors. */
export function findConfig(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    const candidate = join(cur, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** No config file: one `dev` environment on embedded Chroma, the embedding contract inferred from the data. */
export function builtinConfig(cwd: string): ResolvedConfig {
  const base = {
    path: undefined,
    dir: resolve(cwd),
    embedding: DEFAULT_EMBEDDING,
    sampling: DEFAULT_SAMPLING,
    pipelines: {},
    environments: {
      dev: {
        name: 'dev',
        backend: { kind: 'chroma' as const, url: 'embedded', path: `${STATE_DIR}/chroma` },
        index: 'vecstage',
        sealed: false,
        sample: {},
        pointer: { store: 'file' as const, path: `${STATE_DIR}/pointers/dev.json` },
      },
    },
  };
  return { ...base, hash: configHash(base) };
}

/** `--env` overrides APP_ENV, which overrides the default `dev`. */
export function resolveEnv(config: ResolvedConfig, envFlag: string | undefined, processEnv: NodeJS.ProcessEnv = process.env): ResolvedEnv {
  const name = envFlag ?? (processEnv.APP_ENV || undefined) ?? DEFAULT_ENV;
  const env = config.environments[name];
  if (!env) {
    const from = envFlag !== undefined ? '--env' : processEnv.APP_ENV ? 'APP_ENV' : 'default';
    throw new VecstageError(
      'INPUT',
      `unknown environment: ${JSON.stringify(name)} (${from}${config.path ? `, ${relative(process.cwd(), config.path) || config.path}` : ', built-in config'}); allowed: ${Object.keys(config.environments).join(', ')}`,
    );
  }
  return { config, env };
}

/** Resolves a path from the config (relative to the config file's folder). */
export function configRelative(config: ResolvedConfig, p: string): string {
  return isAbsolute(p) ? p : resolve(config.dir, p);
}

/** JSON.parse with the error placed at line:column. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = source;
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = `${source}:${line}:${col}`;
    }
    throw new VecstageError('INPUT', `invalid JSON in ${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, { cause: err });
  }
}
