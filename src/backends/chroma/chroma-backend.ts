import { resolve } from 'node:path';
import { VecstageError, invalid } from '../../errors.js';
import type { ChromaBackendConfig, Metric } from '../../config/types.js';
import type { BuildRecordPort, CreateIndexSpec, IndexInfo, SearchSettingsPort, VectorBackend, VectorIndex } from '../types.js';
import { type ChromaClient, type ChromaCollection, createChromaClient, maxBatchSize, supportsBase64 } from './client.js';
import { type BatchSizing, PAYLOAD_BUDGET_BYTES } from './batches.js';
import { ChromaIndex, type Guard } from './chroma-index.js';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server.js';
import { mapChromaError } from './errors.js';
import { isMetric, metadataToProvenance, provenanceToMetadata, PREFIX } from './provenance.js';
import { hnswSettings } from './settings.js';
import { annotateProvenance, BUILD_KEYS, searchNotes, currentSearchSettings, estimateHnswBytes, makeVariant, SEARCH_KEYS, VARIANT_METHOD } from './search-variant.js';

export interface ChromaBackendOptions {
  /** folder relative paths resolve against (the config file's folder) */
  dir: string;
  /** where tokenEnv is looked up @default process.env */
  env?: NodeJS.ProcessEnv;
  /** passed to the embedded server @default 30_000 */
  startTimeoutMs?: number;
}

export const DEFAULT_DATA_DIR = '.vecstage/chroma';
const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{1,510})[a-zA-Z0-9]$/;
const NAME_RULE = '3-512 characters of [a-zA-Z0-9._-], starting and ending with a letter or digit';

/**
 * The Chroma adapter. `url: "embedded"` starts the server shipped in the chromadb package (stopped by close());
 * otherwise it connects to the URL. Fails fast with BACKEND_UNAVAILABLE when the server does not answer.
 */
export async function createChromaBackend(config: ChromaBackendConfig, opts: ChromaBackendOptions): Promise<VectorBackend> {
  const env = opts.env ?? process.env;
  let token: string | undefined;
  if (config.tokenEnv) {
    token = env[config.tokenEnv];
    if (!token) throw invalid('backend.tokenEnv', config.tokenEnv, 'the name of a set, non-empty environment variable holding the Chroma token');
  }
  let server: EmbeddedServer | undefined;
  let url = config.url;
  if (config.url === 'embedded') {
    server = await startEmbeddedServer({
      dataDir: resolve(opts.dir, config.path || DEFAULT_DATA_DIR),
      ...(opts.startTimeoutMs ? { startTimeoutMs: opts.startTimeoutMs } : {}),
    });
    url = server.url;
  }
  try {
    const client = createChromaClient({ url, tenant: config.tenant, database: config.database, token });
    const guard: Guard = async (what, fn) => {
      try {
        return await fn();
      } catch (err) {
        throw mapChromaError(err, { url, what, serverFailure: server?.failure() });
      }
    };
    await guard('checking the heartbeat', () => client.heartbeat());
    const sizing: BatchSizing = {
      records: await guard('reading the max batch size', () => maxBatchSize(client)),
      bytes: PAYLOAD_BUDGET_BYTES,
      base64: await guard('reading the server capabilities', () => supportsBase64(client)),
    };
    return new ChromaBackend(client, url, sizing, guard, server);
  } catch (err) {
    await server?.close();
    throw err;
  }
}

class ChromaBackend implements VectorBackend {
  readonly kind = 'chroma' as const;

  /** bench --sweep: scratch copies per point, see search-variant.ts for why not collection.modify */
  readonly searchSettings: SearchSettingsPort = {
    keys: SEARCH_KEYS,
    method: VARIANT_METHOD,
    current: (source) => currentSearchSettings(this.deps(), source),
    notes: searchNotes,
    variant: (source, settings) => makeVariant(this.deps(), source, settings),
  };

  /** load --settings-sweep */
  readonly buildRecords: BuildRecordPort = {
    keys: BUILD_KEYS,
    estimateBytes: estimateHnswBytes,
    annotate: (name, extra) => annotateProvenance(this.deps(), name, extra),
  };

  acceptsZeroVectors(): boolean {
    return true;
  }

  constructor(
    private readonly client: ChromaClient,
    private readonly url: string,
    private readonly sizing: BatchSizing,
    private readonly guard: Guard,
    private readonly server: EmbeddedServer | undefined,
  ) {}

  version(): Promise<string> {
    return this.guard('reading the server version', () => this.client.version());
  }

  async listIndexes(): Promise<IndexInfo[]> {
    const out: IndexInfo[] = [];
    const pageSize = 100;
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.guard('listing collections', () => this.client.listCollections({ limit: pageSize, offset }));
      for (const c of page) out.push(await this.open(c).describe());
      if (page.length < pageSize) break;
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async createIndex(spec: CreateIndexSpec): Promise<VectorIndex> {
    checkName(spec.name);
    if (!Number.isInteger(spec.dimension) || spec.dimension < 1) throw invalid('dimension', spec.dimension, 'an integer >= 1', `index "${spec.name}"`);
    if (spec.provenance.dimension !== spec.dimension || spec.provenance.metric !== spec.metric) {
      throw invalid(
        'provenance',
        { dimension: spec.provenance.dimension, metric: spec.provenance.metric },
        `the index's own dimension ${spec.dimension} and metric ${spec.metric}`,
        `index "${spec.name}"`,
      );
    }
    const hnsw = hnswSettings(spec.metric, spec.settings, `settings of index "${spec.name}"`);
    const metadata = provenanceToMetadata(spec.provenance);
    try {
      const c = await this.client.createCollection({ name: spec.name, embeddingFunction: null, metadata, configuration: { hnsw } });
      return new ChromaIndex(c, spec.name, spec.dimension, spec.metric, this.sizing, this.guard);
    } catch (err) {
      if ((err as Error).name === 'ChromaUniqueError') {
        throw new VecstageError('INPUT', `index "${spec.name}" already exists on chroma at ${this.url}; drop it or create the next version`, {
          details: { index: spec.name },
        });
      }
      throw mapChromaError(err, { url: this.url, what: `creating index "${spec.name}"`, serverFailure: this.server?.failure() });
    }
  }

  async openIndex(name: string): Promise<VectorIndex> {
    const c = await this.getCollection(name, `opening index "${name}"`);
    return this.open(c);
  }

  async dropIndex(name: string): Promise<void> {
    await this.getCollection(name, `dropping index "${name}"`);
    await this.guard(`dropping index "${name}"`, () => this.client.deleteCollection({ name }));
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  /** The small collection whose metadata holds env pointers (DESIGN §7); created on first use. */
  async registry(name: string): Promise<{ read(): Promise<Record<string, unknown>>; write(metadata: Record<string, string>): Promise<void> }> {
    const c = await this.guard('opening the pointer registry', () =>
      this.client.getOrCreateCollection({ name, embeddingFunction: null, metadata: { 'vecstage:registry': true } }),
    );
    return {
      read: async () => {
        const fresh = await this.guard('reading the pointer registry', () => this.client.getCollection({ name }));
        return { ...(fresh.metadata ?? {}) };
      },
      // one modify call replaces the keys it names in a single update: the swap is atomic for readers
      write: (metadata) => this.guard('swapping the pointer', () => c.modify({ metadata })),
    };
  }

  private async getCollection(name: string, what: string): Promise<ChromaCollection> {
    try {
      return await this.client.getCollection({ name });
    } catch (err) {
      if ((err as Error).name === 'ChromaNotFoundError') {
        const names = (await this.guard('listing collections', () => this.client.listCollections({ limit: 20 }))).map((c) => c.name);
        throw new VecstageError(
          'INPUT',
          `no index "${name}" on chroma at ${this.url}; existing: ${names.length ? names.join(', ') : '(none)'}`,
          { details: { index: name } },
        );
      }
      throw mapChromaError(err, { url: this.url, what, serverFailure: this.server?.failure() });
    }
  }

  private deps() {
    return {
      client: this.client,
      guard: this.guard,
      sizing: this.sizing,
      getCollection: (name: string, what: string) => this.getCollection(name, what),
      open: (c: ChromaCollection) => this.open(c),
    };
  }

  /** Dimension and metric come from vecstage's metadata; for foreign collections, from the HNSW space. */
  private open(c: ChromaCollection): ChromaIndex {
    const p = metadataToProvenance(c.metadata);
    const space = c.configuration?.hnsw?.space;
    const metric: Metric = p?.metric ?? (isMetric(space) ? space : 'l2');
    const dim = c.metadata?.[`${PREFIX}dimension`];
    const dimension = p?.dimension ?? (typeof dim === 'number' ? dim : 0);
    return new ChromaIndex(c, c.name, dimension, metric, this.sizing, this.guard);
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) throw invalid('index name', name, NAME_RULE);
}
