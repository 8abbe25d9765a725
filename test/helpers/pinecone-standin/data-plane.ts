import { badRequest } from './errors.js';
import { compileFilter } from './filter.js';
import { compareMatches, score } from './scoring.js';
import { namespaceKey, type IndexState, type StoredMetadata, type StoredVector } from './store.js';

/**
 * Data plane of API version 2026-04 (db_data VectorOperationsApi): /vectors/upsert, /query, /vectors/fetch,
 * /vectors/delete, /describe_index_stats, /vectors/list. Field names are the camelCase JSON the SDK sends.
 * Limits (Pinecone docs "Limits"): 1000 vectors and 2 MB per upsert, 40 KB metadata per vector,
 * topK <= 10000 (<= 1000 with includeValues/includeMetadata), 1000 ids per fetch, 512-char ids.
 */
export const LIMITS = {
  upsertVectors: 1000,
  upsertBytes: 2 * 1024 * 1024,
  metadataBytes: 40 * 1024,
  topK: 10000,
  topKWithData: 1000,
  fetchIds: 1000,
  idLength: 512,
  listDefault: 100,
};

export interface Reply {
  status: number;
  body: unknown;
}

export function upsert(index: IndexState, body: unknown): Reply {
  const req = object(body);
  unknownFields(req, ['vectors', 'namespace']);
  if (!Array.isArray(req.vectors) || req.vectors.length === 0) throw badRequest('No vectors provided');
  if (req.vectors.length > LIMITS.upsertVectors) {
    throw badRequest(`Request contains ${req.vectors.length} vectors; the maximum is ${LIMITS.upsertVectors} vectors per upsert request`);
  }
  const parsed = req.vectors.map((v) => parseVector(index, v));
  const ns = namespace(index, req.namespace, true);
  for (const v of parsed) ns.set(v.id, v);
  return { status: 200, body: { upsertedCount: parsed.length } };
}

export function query(index: IndexState, body: unknown): Reply {
  const req = object(body);
  unknownFields(req, ['namespace', 'topK', 'filter', 'includeValues', 'includeMetadata', 'queries', 'vector', 'sparseVector', 'id', 'scanFactor', 'maxCandidates']);
  const topK = req.topK;
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > LIMITS.topK) {
    throw badRequest(`Invalid value for topK: ${JSON.stringify(topK)}; it must be an integer between 1 and ${LIMITS.topK}`);
  }
  const withData = req.includeValues === true || req.includeMetadata === true;
  if (withData && topK > LIMITS.topKWithData) {
    throw badRequest(`topK must be at most ${LIMITS.topKWithData} when includeValues or includeMetadata is true; got ${topK}`);
  }
  if (req.queries !== undefined || req.sparseVector !== undefined) throw badRequest('queries and sparseVector are not supported by the stand-in');
  if ((req.vector === undefined) === (req.id === undefined)) throw badRequest('Exactly one of vector or id must be provided');
  const ns = namespace(index, req.namespace, false);
  let q: number[];
  if (req.id !== undefined) {
    const hit = typeof req.id === 'string' ? ns?.get(req.id) : undefined;
    if (!hit) return { status: 200, body: { matches: [], namespace: namespaceKey(req.namespace), usage: { readUnits: 1 } } };
    q = hit.values;
  } else {
    q = values(index, req.vector, 'query vector');
  }
  const pass = compileFilter(req.filter);
  const metric = index.metric;
  const scored = [...(ns?.values() ?? [])].filter((v) => pass(v.metadata)).map((v) => ({ id: v.id, score: score(metric, q, v.values), v }));
  scored.sort(compareMatches(metric));
  const matches = scored.slice(0, topK).map(({ id, score: s, v }) => ({
    id,
    score: s,
    values: req.includeValues === true ? v.values : [],
    ...(req.includeMetadata === true && v.metadata ? { metadata: v.metadata } : {}),
  }));
  return { status: 200, body: { matches, namespace: namespaceKey(req.namespace), usage: { readUnits: 5 } } };
}

export function fetch(index: IndexState, params: URLSearchParams): Reply {
  const ids = params.getAll('ids');
  if (ids.length === 0) throw badRequest('No IDs provided');
  if (ids.length > LIMITS.fetchIds) throw badRequest(`Request contains ${ids.length} IDs; the maximum is ${LIMITS.fetchIds}`);
  const nsName = params.get('namespace');
  const ns = namespace(index, nsName, false);
  const vectors: Record<string, StoredVector> = {};
  for (const id of ids) {
    const v = ns?.get(id);
    if (v) vectors[id] = { id: v.id, values: v.values, ...(v.metadata ? { metadata: v.metadata } : {}) };
  }
  return { status: 200, body: { vectors, namespace: namespaceKey(nsName), usage: { readUnits: 1 } } };
}

export function deleteVectors(index: IndexState, body: unknown): Reply {
  const req = object(body);
  unknownFields(req, ['ids', 'deleteAll', 'namespace', 'filter']);
  const modes = [req.ids !== undefined, req.deleteAll === true, req.filter !== undefined].filter(Boolean).length;
  if (modes !== 1) throw badRequest('Exactly one of ids, deleteAll or filter must be provided');
  const ns = namespace(index, req.namespace, false);
  if (!ns) return { status: 200, body: {} };
  if (req.deleteAll === true) ns.clear();
  else if (req.ids !== undefined) {
    if (!Array.isArray(req.ids) || req.ids.length === 0 || !req.ids.every((i) => typeof i === 'string')) throw badRequest('ids must be a non-empty array of strings');
    for (const id of req.ids) ns.delete(id as string);
  } else {
    const pass = compileFilter(req.filter);
    for (const [id, v] of ns) if (pass(v.metadata)) ns.delete(id);
  }
  return { status: 200, body: {} };
}

export function describeIndexStats(index: IndexState, body: unknown): Reply {
  const req = object(body ?? {});
  unknownFields(req, ['filter']);
  if (req.filter !== undefined) throw badRequest('Serverless and starter indexes do not support describing index stats with metadata filtering.');
  const namespaces: Record<string, { vectorCount: number }> = {};
  let total = 0;
  for (const [name, ns] of index.namespaces) {
    if (ns.size === 0) continue;
    namespaces[name] = { vectorCount: ns.size };
    total += ns.size;
  }
  return {
    status: 200,
    body: { namespaces, dimension: index.dimension, indexFullness: 0, totalVectorCount: total, metric: index.metric, vectorType: 'dense' },
  };
}

export function list(index: IndexState, params: URLSearchParams): Reply {
  const prefix = params.get('prefix') ?? '';
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? LIMITS.listDefault : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest(`Invalid value for limit: ${JSON.stringify(rawLimit)}; it must be a positive integer`);
  const token = params.get('paginationToken');
  const after = token === null ? undefined : decodeToken(token);
  const nsName = params.get('namespace');
  const ns = namespace(index, nsName, false);
  // bitwise "C" collation, as the list docs state: compare UTF-8 bytes, not UTF-16 code units
  const ids = [...(ns?.keys() ?? [])]
    .filter((id) => id.startsWith(prefix) && (after === undefined || byteCompare(id, after) > 0))
    .sort(byteCompare);
  const page = ids.slice(0, limit);
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      vectors: page.map((id) => ({ id })),
      ...(ids.length > limit && last !== undefined ? { pagination: { next: Buffer.from(JSON.stringify({ after: last })).toString('base64url') } } : {}),
      namespace: namespaceKey(nsName),
      usage: { readUnits: 1 },
    },
  };
}

function parseVector(index: IndexState, raw: unknown): StoredVector {
  const v = object(raw);
  unknownFields(v, ['id', 'values', 'sparseValues', 'metadata']);
  if (typeof v.id !== 'string' || v.id.length === 0) throw badRequest('Vector ID must be a non-empty string');
  if (v.id.length > LIMITS.idLength) throw badRequest(`Vector ID "${v.id.slice(0, 32)}..." is ${v.id.length} characters; the maximum is ${LIMITS.idLength}`);
  if (v.sparseValues !== undefined) throw badRequest('sparseValues are not supported by the stand-in (dense indexes only)');
  const vals = values(index, v.values, `vector ${v.id}`);
  if (index.metric === 'cosine' && vals.every((x) => x === 0)) {
    throw badRequest(`Dense vectors must contain at least one non-zero value (vector ${v.id}) for an index with metric cosine`);
  }
  if (v.metadata === undefined) return { id: v.id, values: vals };
  const metadata = parseMetadata(v.id, v.metadata);
  const size = Buffer.byteLength(JSON.stringify(metadata));
  if (size > LIMITS.metadataBytes) {
    throw badRequest(`Metadata size is ${size} bytes, which exceeds the limit of ${LIMITS.metadataBytes} bytes per vector (vector ${v.id})`);
  }
  return { id: v.id, values: vals, metadata };
}

function parseMetadata(id: string, raw: unknown): StoredMetadata {
  const m = object(raw);
  for (const [k, val] of Object.entries(m)) {
    const ok =
      typeof val === 'string' ||
      typeof val === 'boolean' ||
      (typeof val === 'number' && Number.isFinite(val)) ||
      (Array.isArray(val) && val.every((x) => typeof x === 'string'));
    if (!ok) {
      throw badRequest(`Metadata value must be a string, number, boolean or list of strings, got ${JSON.stringify(val)} for field '${k}' (vector ${id})`);
    }
  }
  return m as StoredMetadata;
}

function values(index: IndexState, raw: unknown, what: string): number[] {
  if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw badRequest(`Invalid values for ${what}: expected an array of finite numbers`);
  }
  if (raw.length !== index.dimension) {
    throw badRequest(`Vector dimension ${raw.length} does not match the dimension of the index ${index.dimension}`);
  }
  return raw as number[];
}

function namespace(index: IndexState, raw: unknown, create: true): Map<string, StoredVector>;
function namespace(index: IndexState, raw: unknown, create: false): Map<string, StoredVector> | undefined;
function namespace(index: IndexState, raw: unknown, create: boolean): Map<string, StoredVector> | undefined {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') throw badRequest('namespace must be a string');
  const key = namespaceKey(raw);
  let ns = index.namespaces.get(key);
  if (!ns && create) {
    ns = new Map();
    index.namespaces.set(key, ns);
  }
  return ns;
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw badRequest(`Invalid pagination token: ${JSON.stringify(token)}`);
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function object(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('Invalid request body: expected a JSON object');
  return v as Record<string, unknown>;
}

function unknownFields(obj: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) throw badRequest(`Invalid request body: unknown field "${k}"`);
}
