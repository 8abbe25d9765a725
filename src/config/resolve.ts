/** Turns the parsed JSON of vecstage.config.json into resolved, typed values (pure: no IO). */
import { createHash } from 'node:crypto';
import { VecstageError } from '../errors.js';
import { DEFAULT_EMBEDDING, DEFAULT_SAMPLING, STATE_DIR } from './defaults.js';
import type {
  BackendConfig,
  EmbeddingContract,
  EnvironmentConfig,
  PointerConfig,
  ResolvedConfig,
  SamplingBounds,
} from './types.js';
import { METRICS } from './types.js';
import { Reader, join } from './validate.js';
import { canonicalPipelines } from './pipelines-hash.js';
import { resolvePipelines } from './pipelines.js';

const TOP_KEYS = ['$schema', 'embedding', 'environments', 'sampling', 'pipelines'] as const;
const ENV_KEYS = ['backend', 'index', 'sealed', 'sample', 'pointer'] as const;
/** Index base names must be valid for every backend: Pinecone's rules (lowercase, digits, '-') are the strictest. */
const INDEX_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const ENV_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,31}$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function resolveConfig(raw: unknown, source: string, dir: string, path: string | undefined): ResolvedConfig {
  const r = new Reader(source);
  const top = r.object(raw, '', TOP_KEYS);
  const embedding = top.embedding === undefined ? DEFAULT_EMBEDDING : resolveEmbedding(r, top.embedding);
  const sampling = top.sampling === undefined ? DEFAULT_SAMPLING : resolveSampling(r, top.sampling);
  if (top.environments === undefined) throw new VecstageError('INPUT', `missing key environments (${source}); it maps env names (dev, staging, prod, ...) to { backend, index }`);
  const envsRaw = r.object(top.environments, 'environments', Object.keys(top.environments as object));
  const environments: Record<string, EnvironmentConfig> = {};
  for (const [name, value] of Object.entries(envsRaw)) {
    r.string(name, `environments key`, { pattern: ENV_NAME, allowed: 'a name of letters, digits, _ and - starting with a letter' });
    environments[name] = resolveEnvironment(r, name, value);
  }
  if (Object.keys(environments).length === 0) throw new VecstageError('INPUT', `environments is empty (${source}); define at least one, e.g. dev`);
  const pipelines = top.pipelines === undefined ? {} : resolvePipelines(r, top.pipelines, dir);
  const resolved: Omit<ResolvedConfig, 'hash'> = { path, dir, embedding, environments, sampling, pipelines };
  return { ...resolved, hash: configHash(resolved) };
}

function resolveEmbedding(r: Reader, raw: unknown): EmbeddingContract {
  const o = r.object(raw, 'embedding', ['model', 'dimension', 'metric']);
  return {
    model: o.model === undefined ? DEFAULT_EMBEDDING.model : r.string(o.model, 'embedding.model'),
    dimension: o.dimension === undefined ? DEFAULT_EMBEDDING.dimension : r.number(o.dimension, 'embedding.dimension', { integer: true, min: 1, max: 65536 }),
    metric: o.metric === undefined ? DEFAULT_EMBEDDING.metric : r.oneOf(o.metric, 'embedding.metric', METRICS),
  };
}

function resolveSampling(r: Reader, raw: unknown): SamplingBounds {
  const o = r.object(raw, 'sampling', ['fractionBounds', 'minPerStratum']);
  let { fractionMin, fractionMax } = DEFAULT_SAMPLING;
  if (o.fractionBounds !== undefined) {
    const b = o.fractionBounds;
    if (!Array.isArray(b) || b.length !== 2) throw new VecstageError('INPUT', `invalid sampling.fractionBounds: ${JSON.stringify(b)} (${r.source}); allowed: [min, max] with 0 < min <= max <= 1`);
    fractionMin = r.number(b[0], 'sampling.fractionBounds[0]', { min: 0, exclusiveMin: true, max: 1 });
    fractionMax = r.number(b[1], 'sampling.fractionBounds[1]', { min: fractionMin, max: 1 });
  }
  const minPerStratum = o.minPerStratum === undefined ? DEFAULT_SAMPLING.minPerStratum : r.number(o.minPerStratum, 'sampling.minPerStratum', { integer: true, min: 0 });
  return { fractionMin, fractionMax, minPerStratum };
}

function resolveEnvironment(r: Reader, name: string, raw: unknown): EnvironmentConfig {
  const path = `environments.${name}`;
  const o = r.object(raw, path, ENV_KEYS);
  if (o.backend === undefined) throw new VecstageError('INPUT', `missing key ${path}.backend (${r.source}); e.g. { "kind": "chroma", "url": "embedded" }`);
  if (o.index === undefined) throw new VecstageError('INPUT', `missing key ${path}.index (${r.source}); the base index name, versions are <index>-v<N>`);
  const backend = resolveBackend(r, join(path, 'backend'), o.backend);
  const index = r.string(o.index, `${path}.index`, { pattern: INDEX_NAME, allowed: '1-40 chars of a-z, 0-9 and -, starting and ending with a letter or digit (valid for Chroma and Pinecone)' });
  const sealed = o.sealed === undefined ? false : r.boolean(o.sealed, `${path}.sealed`);
  const sample: EnvironmentConfig['sample'] = {};
  if (o.sample !== undefined) {
    const s = r.object(o.sample, `${path}.sample`, ['fraction']);
    if (s.fraction !== undefined) sample.fraction = r.number(s.fraction, `${path}.sample.fraction`, { min: 0, exclusiveMin: true, max: 1 });
  }
  const pointer: PointerConfig = { store: 'file', path: `${STATE_DIR}/pointers/${name}.json` };
  if (o.pointer !== undefined) {
    const p = r.object(o.pointer, `${path}.pointer`, ['store', 'path']);
    if (p.store !== undefined) pointer.store = r.oneOf(p.store, `${path}.pointer.store`, ['file', 'chroma-registry'] as const);
    if (p.path !== undefined) pointer.path = r.string(p.path, `${path}.pointer.path`);
    if (pointer.store === 'chroma-registry' && backend.kind !== 'chroma') {
      throw new VecstageError('INPUT', `invalid ${path}.pointer.store: "chroma-registry" (${r.source}); allowed only with backend kind chroma, this env's is ${backend.kind}`);
    }
  }
  return { name, backend, index, sealed, sample, pointer };
}

function resolveBackend(r: Reader, path: string, raw: unknown): BackendConfig {
  const kindObj = r.object(raw, path, Object.keys(raw as object));
  const kind = r.oneOf(kindObj.kind, `${path}.kind`, ['memory', 'chroma', 'pinecone'] as const);
  switch (kind) {
    case 'memory':
      r.object(raw, path, ['kind']);
      return { kind };
    case 'chroma': {
      const o = r.object(raw, path, ['kind', 'url', 'path', 'tenant', 'database', 'tokenEnv']);
      const url = o.url === undefined ? 'embedded' : r.string(o.url, `${path}.url`, { pattern: /^(embedded|https?:\/\/\S+)$/, allowed: '"embedded" or an http(s):// URL' });
      const out: BackendConfig = { kind, url, path: o.path === undefined ? `${STATE_DIR}/chroma` : r.string(o.path, `${path}.path`) };
      if (o.tenant !== undefined) out.tenant = r.string(o.tenant, `${path}.tenant`);
      if (o.database !== undefined) out.database = r.string(o.database, `${path}.database`);
      if (o.tokenEnv !== undefined) out.tokenEnv = r.string(o.tokenEnv, `${path}.tokenEnv`, { pattern: ENV_VAR, allowed: 'the NAME of an environment variable' });
      return out;
    }
    case 'pinecone': {
      const o = r.object(raw, path, ['kind', 'apiKeyEnv', 'controllerHostUrl', 'host', 'namespace', 'cloud', 'region']);
      const out: BackendConfig = {
        kind,
        apiKeyEnv: o.apiKeyEnv === undefined ? 'PINECONE_API_KEY' : r.string(o.apiKeyEnv, `${path}.apiKeyEnv`, { pattern: ENV_VAR, allowed: 'the NAME of an environment variable, e.g. PINECONE_API_KEY' }),
        cloud: o.cloud === undefined ? 'aws' : r.oneOf(o.cloud, `${path}.cloud`, ['aws', 'gcp', 'azure'] as const),
        region: o.region === undefined ? 'us-east-1' : r.string(o.region, `${path}.region`),
      };
      const urlOpt = { pattern: /^https?:\/\/\S+$/, allowed: 'an http(s):// URL (the SDK would otherwise assume https://)' };
      if (o.controllerHostUrl !== undefined) out.controllerHostUrl = r.string(o.controllerHostUrl, `${path}.controllerHostUrl`, urlOpt);
      if (o.host !== undefined) out.host = r.string(o.host, `${path}.host`, urlOpt);
      if (o.namespace !== undefined) out.namespace = r.string(o.namespace, `${path}.namespace`);
      return out;
    }
  }
}

/** sha256 over the canonical JSON of the resolved config (secrets are never in it: only env var names). */
export function configHash(c: Omit<ResolvedConfig, 'hash'>): string {
  // pipelines join the hash only when there are some, so configs without them keep the hash they always had
  const pipelines = Object.keys(c.pipelines).length > 0 ? { pipelines: canonicalPipelines(c.pipelines) } : {};
  const canonical = JSON.stringify({ embedding: c.embedding, environments: c.environments, sampling: c.sampling, ...pipelines }, sortedKeys);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return value;
}
