import type { PineconeBackendConfig } from '../../config/types.js';
import { VecstageError, invalid } from '../../errors.js';
import type { CreateIndexSpec, IndexInfo, VectorBackend, VectorIndex } from '../types.js';
import { CallTracker, type PineconeStats } from './call-tracker.js';
import { DEFAULT_NAMESPACE, createIndexHandle } from './index-handle.js';
import { fromPineconeMetric, toPineconeMetric } from './metric.js';
import { provenanceToTags, tagsToProvenance } from './provenance.js';
import { apiVersion, createSdkClient, sdkVersion, type SdkIndexModel } from './sdk.js';

export interface PineconeBackendOptions {
  /** where the API key is read from: `env[config.apiKeyEnv]` */
  env: NodeJS.ProcessEnv;
  /** retries the SDK may do on its own for 5xx (counted in stats().retries); @default 0: the caller retries */
  sdkMaxRetries?: number;
  /** per HTTP request; @default 30000 */
  requestTimeoutMs?: number;
  /** describe-index polling interval while a new index initialises; @default 1000 */
  readyPollMs?: number;
  /** @default 300000 */
  readyTimeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface PineconeBackend extends VectorBackend {
  readonly kind: 'pinecone';
  /** requests, SDK retries, failed calls and responses per status since the backend was created */
  stats(): PineconeStats;
}

/** Pinecone index names: 1-45 characters, lowercase alphanumerics or '-', starting and ending alphanumeric. */
const INDEX_NAME = /^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$/;

export async function createPineconeBackend(config: PineconeBackendConfig, opts: PineconeBackendOptions): Promise<PineconeBackend> {
  const apiKey = opts.env[config.apiKeyEnv];
  if (!apiKey) {
    throw new VecstageError(
      'INPUT',
      `pinecone API key: environment variable ${config.apiKeyEnv} is not set (backend.apiKeyEnv names it); set it to your Pinecone API key`,
      { details: { apiKeyEnv: config.apiKeyEnv } },
    );
  }
  const maxRetries = opts.sdkMaxRetries ?? 0;
  const tracker = new CallTracker(opts.fetch ?? globalThis.fetch, opts.requestTimeoutMs ?? 30_000, config.apiKeyEnv);
  const pc = createSdkClient({
    apiKey,
    maxRetries,
    fetchApi: tracker.fetch,
    ...(config.controllerHostUrl ? { controllerHostUrl: config.controllerHostUrl } : {}),
  });
  const namespace = config.namespace ?? DEFAULT_NAMESPACE;
  const pollMs = opts.readyPollMs ?? 1000;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 300_000;

  const describeModel = (name: string): Promise<SdkIndexModel> => tracker.run('describe_index', name, () => pc.describeIndex(name));

  async function info(model: SdkIndexModel): Promise<IndexInfo> {
    const handle = handleFor(model);
    return {
      name: model.name,
      dimension: handle.dimension,
      metric: handle.metric,
      count: model.status.ready ? await handle.count() : 0,
      provenance: tagsToProvenance(model.tags),
    };
  }

  function handleFor(model: SdkIndexModel): VectorIndex {
    if (model.dimension === undefined) {
      throw new VecstageError('INPUT', `pinecone index "${model.name}" is a sparse index; vecstage needs a dense index with a dimension`);
    }
    const host = config.host ?? model.host;
    return createIndexHandle({
      name: model.name,
      dimension: model.dimension,
      metric: fromPineconeMetric(model.metric, model.name),
      namespace,
      // the host is always passed, so the SDK's process-wide host cache (keyed by API key + name) is never used
      sdk: pc.index({ name: model.name, host, namespace }),
      tracker,
      describe: async () => info(await describeModel(model.name)),
    });
  }

  async function waitUntilReady(name: string): Promise<SdkIndexModel> {
    const start = Date.now();
    for (;;) {
      const model = await describeModel(name);
      if (model.status.ready) return model;
      if (['InitializationFailed', 'Terminating', 'Disabled'].includes(model.status.state)) {
        throw new VecstageError('BACKEND_UNAVAILABLE', `pinecone index "${name}" entered state ${model.status.state} while initialising`, {
          details: { index: name, state: model.status.state, retryable: false },
        });
      }
      if (Date.now() - start >= readyTimeoutMs) {
        throw new VecstageError('BACKEND_UNAVAILABLE', `pinecone index "${name}" was not ready after ${readyTimeoutMs} ms (state ${model.status.state})`, {
          details: { index: name, state: model.status.state, retryable: true },
        });
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  return {
    kind: 'pinecone',
    // Pinecone answers 400 to an all-zero vector in a cosine index
    acceptsZeroVectors: (metric) => metric !== 'cosine',
    stats: () => ({ ...tracker.stats, byStatus: { ...tracker.stats.byStatus } }),

    async version() {
      return `@pinecone-database/pinecone ${sdkVersion()} (REST API ${apiVersion()})`;
    },

    async listIndexes() {
      const list = await tracker.run('list_indexes', undefined, () => pc.listIndexes());
      const infos: IndexInfo[] = [];
      for (const model of list.indexes ?? []) {
        if (model.dimension === undefined) continue; // sparse indexes cannot hold vecstage data
        infos.push(await info(model));
      }
      return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async createIndex(spec: CreateIndexSpec) {
      if (!INDEX_NAME.test(spec.name)) {
        throw invalid('index name', spec.name, "1-45 lowercase alphanumerics or '-', starting and ending with an alphanumeric (Pinecone rule)");
      }
      const settings = Object.keys(spec.settings ?? {});
      if (settings.length > 0) throw invalid('index settings', settings.join(', '), 'none for pinecone (serverless indexes take no build settings)');
      await tracker.run('create_index', spec.name, () =>
        pc.createIndex({
          name: spec.name,
          dimension: spec.dimension,
          metric: toPineconeMetric(spec.metric),
          spec: { serverless: { cloud: config.cloud, region: config.region } },
          deletionProtection: 'disabled',
          tags: provenanceToTags(spec.provenance),
          waitUntilReady: false,
        }),
      );
      return handleFor(await waitUntilReady(spec.name));
    },

    async openIndex(name: string) {
      return handleFor(await describeModel(name));
    },

    async dropIndex(name: string) {
      await tracker.run('delete_index', name, () => pc.deleteIndex(name));
    },

    async close() {
      // nothing to release: the SDK holds no sockets of its own (fetch's pool is process-wide)
    },
  };
}
