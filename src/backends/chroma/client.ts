/** The one module that imports `chromadb`. */
import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import { invalid } from '../../errors.js';

export { ChromaClient };
export type { Collection as ChromaCollection, Metadata as ChromaRecordMetadata, Where as ChromaClientWhere };

export interface ConnectOptions {
  url: string;
  tenant?: string;
  database?: string;
  /** sent as `Authorization: Bearer <token>`; never logged */
  token?: string;
}

/** chromadb 3 takes host, port and ssl (no path prefix), so a URL with a path or credentials is rejected. */
export function parseChromaUrl(url: string, where = 'backend.url'): { host: string; port: number; ssl: boolean } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid(where, url, '"embedded" or an http(s) URL such as http://localhost:8000');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid(`${where} protocol`, u.protocol, 'http:, https:');
  if (u.username || u.password) throw invalid(where, `${u.protocol}//***@${u.host}`, 'a URL without credentials; put the token in the env var named by tokenEnv');
  if (u.pathname !== '/' && u.pathname !== '') throw invalid(`${where} path`, u.pathname, '"/" (chromadb 3 cannot use a path prefix)');
  const ssl = u.protocol === 'https:';
  return { host: u.hostname, port: u.port ? Number(u.port) : ssl ? 443 : 80, ssl };
}

export function createChromaClient(opts: ConnectOptions): ChromaClient {
  const { host, port, ssl } = parseChromaUrl(opts.url);
  return new ChromaClient({
    host,
    port,
    ssl,
    ...(opts.tenant ? { tenant: opts.tenant } : {}),
    ...(opts.database ? { database: opts.database } : {}),
    ...(opts.token ? { headers: { Authorization: `Bearer ${opts.token}` } } : {}),
  });
}

/** Max records per write: the server says (pre-flight checks); older clients lack the call. */
export async function maxBatchSize(client: ChromaClient): Promise<number> {
  const c = client as ChromaClient & { getMaxBatchSize?: () => Promise<number> };
  const n = typeof c.getMaxBatchSize === 'function' ? await c.getMaxBatchSize() : undefined;
  return typeof n === 'number' && n > 0 ? n : 5461;
}

/** Whether embeddings travel as base64 float32 (4/3 x 4 bytes each) rather than JSON numbers; sizes batches. */
export async function supportsBase64(client: ChromaClient): Promise<boolean> {
  const c = client as ChromaClient & { supportsBase64Encoding?: () => Promise<boolean> };
  return typeof c.supportsBase64Encoding === 'function' ? await c.supportsBase64Encoding() : false;
}
