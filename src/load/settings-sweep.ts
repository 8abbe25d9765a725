/**
 * `vecstage load <sample> --settings-sweep max_neighbors=8,16,32`: one versioned index per value of a build
 * setting, each an ordinary load (same checks, batching, retries, verification), then its build time and
 * estimated size written into its provenance so `vecstage indexes` shows them and a `bench --sweep` can run over
 * each. Refused in sealed envs even with the opt-ins: a sweep makes several indexes, which is staging's job.
 */
import { VecstageError, invalid } from '../errors.js';
import type { IndexProvenance, VectorBackend } from '../backends/types.js';
import type { SettingSweep } from '../bench/sweep/parse-sweep.js';
import { loadSample, type LoadOptions, type LoadResult } from './loader.js';

export interface SettingsSweepOptions extends Omit<LoadOptions, 'index' | 'resume' | 'settings' | 'onProgress'> {
  sweep: SettingSweep;
  /** build settings every version shares (--settings); must not name the swept key */
  settings?: Record<string, unknown> | undefined;
  onProgress?: (value: number, done: number, total: number) => void;
  log?: (line: string) => void;
}

export interface SettingsSweepVersion extends LoadResult {
  settings: Record<string, unknown>;
  buildSeconds: number;
  sizeBytes: number;
  sizeMethod: string;
}

export interface SettingsSweepResult {
  env: string;
  setting: string;
  versions: SettingsSweepVersion[];
}

const NO_BUILD_SETTINGS: Record<VectorBackend['kind'], string> = {
  memory: 'the memory backend searches exactly: it has no build settings to sweep',
  pinecone: 'Pinecone serverless indexes take no build settings to sweep',
  chroma: 'this Chroma adapter exposes no build settings',
};

/** Compact `k=v k=v`, keys sorted, as provenance stores it. */
export function settingsText(settings: Record<string, unknown>): string {
  return Object.keys(settings).sort().map((k) => `${k}=${typeof settings[k] === 'string' ? settings[k] : JSON.stringify(settings[k])}`).join(' ');
}

export async function loadSettingsSweep(o: SettingsSweepOptions): Promise<SettingsSweepResult> {
  const { env } = o.target;
  if (env.sealed) {
    throw new VecstageError('REFUSED', `refused: load --settings-sweep on sealed environment "${env.name}": a sweep creates one index per setting, which belongs in staging (no opt-in lifts this)`, { details: { env: env.name } });
  }
  const port = o.backend.buildRecords;
  if (!port) throw new VecstageError('USAGE', `--settings-sweep refused on environment "${env.name}": ${NO_BUILD_SETTINGS[o.backend.kind]}`);
  if (!port.keys.includes(o.sweep.key)) throw invalid('--settings-sweep setting', o.sweep.key, `${port.keys.join(', ')} (the build settings of ${o.backend.kind})`, undefined, 'USAGE');
  if (o.settings && o.sweep.key in o.settings) throw invalid('--settings', settingsText(o.settings), `settings without ${o.sweep.key}, which --settings-sweep varies`, undefined, 'USAGE');
  const versions: SettingsSweepVersion[] = [];
  for (const value of o.sweep.values) {
    const settings = { ...o.settings, [o.sweep.key]: value };
    o.log?.(`${o.sweep.key}=${value}: loading the next version with ${settingsText(settings)}`);
    const started = performance.now();
    const result = await loadSample({ ...o, settings, onProgress: (done, total) => o.onProgress?.(value, done, total) });
    const buildSeconds = Math.round((performance.now() - started) / 10) / 100;
    const size = port.estimateBytes(result.count, result.dimension, settings);
    const extra: Partial<IndexProvenance> = { settings: settingsText(settings), buildSeconds, sizeBytes: size.bytes };
    await port.annotate(result.index, extra);
    o.log?.(`${o.sweep.key}=${value}: ${result.index} built in ${buildSeconds}s, ~${(size.bytes / 1e6).toFixed(1)} MB`);
    versions.push({ ...result, provenance: { ...result.provenance, ...extra }, settings, buildSeconds, sizeBytes: size.bytes, sizeMethod: size.method });
  }
  return { env: env.name, setting: o.sweep.key, versions };
}
