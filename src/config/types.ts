/** Resolved (validated) configuration values. The loader in ./load.ts turns vecstage.config.json into these. */
import type { PipelineConfig } from '../pipeline/types.js';

export type Metric = 'cosine' | 'ip' | 'l2';
export const METRICS: readonly Metric[] = ['cosine', 'ip', 'l2'];

/** DESIGN §2: one embedding model, dimension and metric for every environment. */
export interface EmbeddingContract {
  model: string;
  dimension: number;
  metric: Metric;
}

export interface MemoryBackendConfig {
  kind: 'memory';
}

export interface ChromaBackendConfig {
  kind: 'chroma';
  /** "embedded" starts the Chroma server shipped in the chromadb package; otherwise an http(s) URL */
  url: string;
  /** data folder for the embedded server, relative to the config file; default `.vecstage/chroma` */
  path: string;
  tenant?: string;
  database?: string;
  /** name of the env var holding an auth token for a remote server (never the token itself) */
  tokenEnv?: string;
}

export interface PineconeBackendConfig {
  kind: 'pinecone';
  /** name of the env var holding the API key (never the key itself) */
  apiKeyEnv: string;
  /** control-plane override (Pinecone Local), e.g. http://localhost:5080 */
  controllerHostUrl?: string;
  /** data-plane host override for every index (Pinecone Local) */
  host?: string;
  namespace?: string;
  cloud: 'aws' | 'gcp' | 'azure';
  region: string;
}

export type BackendConfig = MemoryBackendConfig | ChromaBackendConfig | PineconeBackendConfig;

export interface PointerConfig {
  /** `file` (default): a JSON file with history, atomically replaced; `chroma-registry`: a registry collection */
  store: 'file' | 'chroma-registry';
  /** for `file`: path relative to the config file; default `.vecstage/pointers/<env>.json` */
  path: string;
}

export interface EnvironmentConfig {
  name: string;
  backend: BackendConfig;
  /** base index name; versions are `<index>-v<N>` */
  index: string;
  sealed: boolean;
  sample: { fraction?: number };
  pointer: PointerConfig;
}

export interface SamplingBounds {
  /** DESIGN §3: the overall fraction must lie in [min, max]; default [0.10, 0.20] */
  fractionMin: number;
  fractionMax: number;
  minPerStratum: number;
}

export interface ResolvedConfig {
  /** absolute path of the config file, or undefined when running on built-in defaults */
  path: string | undefined;
  /** folder relative paths resolve against (the config file's folder, or cwd) */
  dir: string;
  embedding: EmbeddingContract;
  environments: Record<string, EnvironmentConfig>;
  sampling: SamplingBounds;
  /** named pipelines (raw documents -> chunks -> vectors); empty when the config has none */
  pipelines: Record<string, PipelineConfig>;
  /** sha256 of the canonical resolved config, secrets excluded (they are never in it) */
  hash: string;
}

export interface ResolvedEnv {
  config: ResolvedConfig;
  env: EnvironmentConfig;
}
