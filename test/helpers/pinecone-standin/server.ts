import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as control from './control-plane.js';
import * as data from './data-plane.js';
import { StandinError, badRequest, controlBody, dataBody, notFound } from './errors.js';
import { FaultInjector, type StandinKnobs } from './faults.js';
import type { IndexState } from './store.js';

/** The REST API version this stand-in implements: what @pinecone-database/pinecone 8.x sends. */
export const API_VERSION = '2026-04';

export interface StandinOptions {
  /** when set, requests must carry this Api-Key; otherwise any non-empty key is accepted */
  apiKey?: string;
  knobs?: StandinKnobs;
  /** injectable clock for the readiness knob; @default Date.now */
  now?: () => number;
}

export interface StandinCounters {
  /** requests per endpoint, e.g. { create_index: 1, upsert: 3, query: 10 } */
  requests: Record<string, number>;
  /** responses per HTTP status */
  statuses: Record<string, number>;
  /** injected faults per kind: 429, 5xx, query */
  injected: Record<string, number>;
  /** X-Pinecone-Api-Version values seen */
  apiVersions: Record<string, number>;
}

export interface PineconeStandin {
  /** http://127.0.0.1:<port>: pass as controllerHostUrl */
  url: string;
  port: number;
  counters: StandinCounters;
  knobs: FaultInjector;
  indexes: Map<string, IndexState>;
  /** data-plane host of an index (what describe_index reports as `host`) */
  hostFor(name: string): string;
  resetCounters(): void;
  close(): Promise<void>;
}

/** Starts a Pinecone stand-in on 127.0.0.1 (port 0). Indexes are addressed by the path prefix /data/<name>. */
export async function startPineconeStandin(opts: StandinOptions = {}): Promise<PineconeStandin> {
  const indexes = new Map<string, IndexState>();
  const knobs = new FaultInjector(opts.knobs);
  const now = opts.now ?? Date.now;
  const counters = emptyCounters();
  let base = '';
  const ctx: control.ControlContext = {
    indexes,
    hostFor: (name) => `${base}/data/${encodeURIComponent(name)}`,
    now,
    readyAfterMs: () => knobs.current.readyAfterMs,
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      send(res, 500, { code: 13, message: `stand-in bug: ${String(err)}`, details: [] });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routeOf(req.method ?? 'GET', url.pathname);
    bump(counters.requests, route.endpoint);
    const version = req.headers['x-pinecone-api-version'];
    if (typeof version === 'string') bump(counters.apiVersions, version);
    const raw = await readBody(req);
    const delay = knobs.current.delayMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const shape = route.plane === 'data' ? dataBody : controlBody;
    try {
      const key = req.headers['api-key'];
      if (typeof key !== 'string' || key === '' || (opts.apiKey !== undefined && key !== opts.apiKey)) {
        throw new StandinError(401, 'UNAUTHENTICATED', 'Invalid API Key');
      }
      if (typeof version === 'string' && version !== API_VERSION) {
        throw badRequest(`Unsupported API version "${version}"; this server implements ${API_VERSION}`);
      }
      const fault = knobs.decide(route.endpoint, route.plane);
      if (fault) {
        bump(counters.injected, fault.kind);
        throw fault.status === 429
          ? new StandinError(429, 'RESOURCE_EXHAUSTED', 'Request was rate-limited. Too many requests; retry with backoff.')
          : new StandinError(fault.status, fault.status === 503 ? 'UNAVAILABLE' : 'INTERNAL', `Injected failure (${fault.kind})`);
      }
      const reply = dispatch(route, url, raw);
      reply.body === undefined ? sendEmpty(res, reply.status) : send(res, reply.status, reply.body);
      bump(counters.statuses, String(reply.status));
    } catch (err) {
      if (!(err instanceof StandinError)) throw err;
      bump(counters.statuses, String(err.status));
      send(res, err.status, shape(err));
    }
  }

  function dispatch(route: Route, url: URL, raw: Buffer): { status: number; body?: unknown } {
    const body = (): unknown => parseJson(raw);
    switch (route.endpoint) {
      case 'list_indexes':
        return control.listIndexes(ctx);
      case 'create_index':
        return control.createIndex(ctx, body());
      case 'describe_index':
        return control.describeIndex(ctx, route.name);
      case 'delete_index':
        return control.deleteIndex(ctx, route.name);
      case 'configure_index':
        return control.configureIndex(ctx, route.name, body());
      case 'unknown':
        throw notFound(`No route for ${route.method} ${url.pathname}`);
    }
    const index = indexes.get(route.name);
    if (!index) throw notFound(`Index ${route.name} not found`);
    switch (route.endpoint) {
      case 'upsert':
        if (raw.length > data.LIMITS.upsertBytes) {
          throw badRequest(`Request size ${(raw.length / 1048576).toFixed(1)}MB exceeds the maximum supported size of 2MB`);
        }
        return data.upsert(index, body());
      case 'query':
        return data.query(index, body());
      case 'fetch':
        return data.fetch(index, url.searchParams);
      case 'delete':
        return data.deleteVectors(index, body());
      case 'describe_index_stats':
        return data.describeIndexStats(index, raw.length === 0 ? {} : body());
      case 'list':
        return data.list(index, url.searchParams);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    counters,
    knobs,
    indexes,
    hostFor: ctx.hostFor,
    resetCounters() {
      for (const k of Object.keys(counters) as (keyof StandinCounters)[]) counters[k] = {};
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

type Route =
  | { plane: 'control'; endpoint: 'list_indexes' | 'create_index' | 'unknown'; method: string; name: string }
  | { plane: 'control'; endpoint: 'describe_index' | 'delete_index' | 'configure_index'; method: string; name: string }
  | {
      plane: 'data';
      endpoint: 'upsert' | 'query' | 'fetch' | 'delete' | 'describe_index_stats' | 'list';
      method: string;
      name: string;
    };

const DATA_ROUTES: Record<string, Extract<Route, { plane: 'data' }>['endpoint']> = {
  'POST /vectors/upsert': 'upsert',
  'POST /query': 'query',
  'GET /vectors/fetch': 'fetch',
  'POST /vectors/delete': 'delete',
  'POST /describe_index_stats': 'describe_index_stats',
  'GET /vectors/list': 'list',
};

function routeOf(method: string, path: string): Route {
  if (path === '/indexes') {
    if (method === 'GET') return { plane: 'control', endpoint: 'list_indexes', method, name: '' };
    if (method === 'POST') return { plane: 'control', endpoint: 'create_index', method, name: '' };
  }
  const ctl = /^\/indexes\/([^/]+)$/.exec(path);
  if (ctl?.[1] !== undefined) {
    const name = decodeURIComponent(ctl[1]);
    if (method === 'GET') return { plane: 'control', endpoint: 'describe_index', method, name };
    if (method === 'DELETE') return { plane: 'control', endpoint: 'delete_index', method, name };
    if (method === 'PATCH') return { plane: 'control', endpoint: 'configure_index', method, name };
  }
  const dp = /^\/data\/([^/]+)(\/.*)$/.exec(path);
  if (dp?.[1] !== undefined && dp[2] !== undefined) {
    const endpoint = DATA_ROUTES[`${method} ${dp[2]}`];
    if (endpoint) return { plane: 'data', endpoint, method, name: decodeURIComponent(dp[1]) };
  }
  return { plane: 'control', endpoint: 'unknown', method, name: '' };
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw badRequest(`Invalid JSON in request body: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

function bump(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

function emptyCounters(): StandinCounters {
  return { requests: {}, statuses: {}, injected: {}, apiVersions: {} };
}
