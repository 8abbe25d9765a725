/**
 * The `module` embedder: user code. The file's default export is called as `(texts, { model, dimension, options,
 * signal })` and returns (or resolves to) one vector per text, `number[][]` or `Float32Array[]`. Whatever it does
 * wrong (throws, returns the wrong count, a ragged or non-finite vector, another dimension than declared) becomes
 * a VecstageError naming the module and the batch; the stage adds the keys of the batch.
 */
import { pathToFileURL } from 'node:url';
import { VecstageError } from '../../errors.js';
import type { EmbedResponse, Embedder, EmbedderConfig } from '../types.js';
import { embedderIdentity } from './identity.js';

type ModuleConfig = Extract<EmbedderConfig, { kind: 'module' }>;

export interface EmbedModuleOptions {
  model: string;
  dimension: number | undefined;
  options: Record<string, unknown>;
  signal: AbortSignal | undefined;
}

export type EmbedModule = (texts: string[], options: EmbedModuleOptions) => unknown;

export async function createModuleEmbedder(config: ModuleConfig): Promise<Embedder> {
  const where = `embedder module ${config.module}`;
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(config.path).href)) as { default?: unknown };
  } catch (err) {
    throw new VecstageError('INPUT', `${where} failed to load: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const fn = mod.default;
  if (typeof fn !== 'function') {
    throw new VecstageError('INPUT', `${where} has no default export function; allowed: export default function (texts, options) returning number[][] or Float32Array[]`);
  }
  let dimension = config.dimension;
  let calls = 0;

  async function embed(texts: readonly string[], signal?: AbortSignal): Promise<EmbedResponse> {
    const batch = `batch ${++calls} (${texts.length} text${texts.length === 1 ? '' : 's'})`;
    const bad = (what: string): VecstageError => new VecstageError('INPUT', `${where} ${what} on ${batch}`, { details: { module: config.module, retryable: false } });
    let out: unknown;
    try {
      out = await (fn as EmbedModule)([...texts], { model: config.model, dimension, options: config.options, signal });
    } catch (err) {
      throw new VecstageError('INPUT', `${where} threw on ${batch}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
        details: { module: config.module, retryable: false },
      });
    }
    if (!Array.isArray(out)) throw bad(`returned ${out === null ? 'null' : typeof out} instead of an array of vectors`);
    if (out.length !== texts.length) throw bad(`returned ${out.length} vectors for ${texts.length} texts`);
    const vectors = out.map((v: unknown, i) => {
      const f = toFloat32(v);
      if (f === undefined) throw bad(`returned item ${i} that is not a non-empty array of finite numbers or a Float32Array`);
      if (dimension === undefined) dimension = f.length;
      if (f.length !== dimension) {
        throw bad(`returned item ${i} of dimension ${f.length}, ${config.dimension !== undefined ? 'its config declares' : 'earlier vectors had'} ${dimension}`);
      }
      return f;
    });
    return { vectors };
  }

  return {
    config,
    model: config.model,
    get dimension() {
      return dimension;
    },
    maxBatch: config.batch,
    identity: embedderIdentity(config),
    embed,
  };
}

function toFloat32(v: unknown): Float32Array | undefined {
  const src = v instanceof Float32Array || v instanceof Float64Array ? v : Array.isArray(v) ? v : undefined;
  if (src === undefined || src.length === 0) return undefined;
  const out = v instanceof Float32Array ? new Float32Array(v) : new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
    out[i] = x;
  }
  return out;
}
