import { StandinError, badRequest, notFound } from './errors.js';
import type { IndexState } from './store.js';
import type { PineconeMetric } from './scoring.js';

/**
 * Control plane of API version 2026-04 (db_control ManageIndexesApi): POST/GET /indexes,
 * GET/PATCH/DELETE /indexes/{name}. Serverless dense indexes only; other specs answer 400 naming the limitation.
 */
export interface ControlContext {
  indexes: Map<string, IndexState>;
  /** data-plane host for an index */
  hostFor(name: string): string;
  now(): number;
  readyAfterMs(): number;
}

export interface Reply {
  status: number;
  body?: unknown;
}

const NAME_RULE =
  'Resource name must be 1-45 characters long, start and end with an alphanumeric character, and consist only of lower case alphanumeric characters or \'-\'';
const METRICS: readonly PineconeMetric[] = ['cosine', 'dotproduct', 'euclidean'];
const CLOUDS = ['aws', 'gcp', 'azure'];
const MAX_DIMENSION = 20000;
const TAG_KEY = /^[A-Za-z0-9_-]{1,80}$/;
const TAG_VALUE = /^[A-Za-z0-9;@_\-.+ ]{0,120}$/;

export function createIndex(ctx: ControlContext, body: unknown): Reply {
  const req = object(body, 'request body');
  unknownFields(req, ['name', 'dimension', 'metric', 'deletion_protection', 'tags', 'spec', 'vector_type']);
  const name = req.name;
  if (typeof name !== 'string') throw deserialize('missing field `name`');
  if (!/^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$/.test(name)) throw badRequest(`${NAME_RULE}; got "${name}"`);
  const vectorType = req.vector_type ?? 'dense';
  if (vectorType !== 'dense') throw badRequest(`vector_type "${String(vectorType)}" is not supported by the stand-in; allowed: dense`);
  const dimension = req.dimension;
  if (dimension === undefined) throw badRequest('Dense vector indexes must have a dimension');
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION) {
    throw badRequest(`Dimension must be an integer between 1 and ${MAX_DIMENSION}; got ${JSON.stringify(dimension)}`);
  }
  const metric = req.metric ?? 'cosine';
  if (typeof metric !== 'string' || !METRICS.includes(metric as PineconeMetric)) {
    throw deserialize(`metric: unknown variant \`${String(metric)}\`, expected one of \`cosine\`, \`euclidean\`, \`dotproduct\``);
  }
  const spec = object(req.spec ?? throwMissing('spec'), 'spec');
  const kinds = Object.keys(spec);
  if (kinds.length !== 1 || kinds[0] !== 'serverless') {
    throw badRequest(`spec ${JSON.stringify(kinds)} is not supported by the stand-in; allowed: serverless`);
  }
  const serverless = object(spec.serverless, 'spec.serverless');
  unknownFields(serverless, ['cloud', 'region', 'read_capacity', 'source_collection', 'schema']);
  if (typeof serverless.cloud !== 'string' || !CLOUDS.includes(serverless.cloud)) {
    throw deserialize(`spec.serverless.cloud: unknown variant \`${String(serverless.cloud)}\`, expected one of \`gcp\`, \`aws\`, \`azure\``);
  }
  if (typeof serverless.region !== 'string' || serverless.region === '') throw deserialize('missing field `region`');
  const protection = req.deletion_protection ?? 'disabled';
  if (protection !== 'enabled' && protection !== 'disabled') {
    throw badRequest(`deletion_protection must be "enabled" or "disabled"; got ${JSON.stringify(protection)}`);
  }
  const tags = validTags(req.tags ?? {});
  if (ctx.indexes.has(name)) throw new StandinError(409, 'ALREADY_EXISTS', `Resource ${name} already exists`);
  const state: IndexState = {
    name,
    dimension,
    metric: metric as PineconeMetric,
    cloud: serverless.cloud,
    region: serverless.region,
    deletionProtection: protection,
    tags: Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== '')),
    readyAt: ctx.now() + ctx.readyAfterMs(),
    namespaces: new Map(),
  };
  ctx.indexes.set(name, state);
  return { status: 201, body: indexModel(ctx, state) };
}

export function describeIndex(ctx: ControlContext, name: string): Reply {
  return { status: 200, body: indexModel(ctx, find(ctx, name)) };
}

export function listIndexes(ctx: ControlContext): Reply {
  return { status: 200, body: { indexes: [...ctx.indexes.values()].map((s) => indexModel(ctx, s)) } };
}

export function deleteIndex(ctx: ControlContext, name: string): Reply {
  const state = find(ctx, name);
  if (state.deletionProtection === 'enabled') {
    throw new StandinError(403, 'FORBIDDEN', `Deletion protection is enabled for this index. Disable deletion protection before retrying.`);
  }
  ctx.indexes.delete(name);
  return { status: 202 };
}

export function configureIndex(ctx: ControlContext, name: string, body: unknown): Reply {
  const state = find(ctx, name);
  const req = object(body, 'request body');
  unknownFields(req, ['spec', 'deletion_protection', 'tags', 'embed']);
  if (req.spec !== undefined || req.embed !== undefined) {
    throw badRequest('configuring spec or embed is not supported by the stand-in; allowed: deletion_protection, tags');
  }
  if (req.deletion_protection !== undefined) {
    if (req.deletion_protection !== 'enabled' && req.deletion_protection !== 'disabled') {
      throw badRequest(`deletion_protection must be "enabled" or "disabled"; got ${JSON.stringify(req.deletion_protection)}`);
    }
    state.deletionProtection = req.deletion_protection;
  }
  // An empty value unsets a tag (CreateIndexRequest.tags docs).
  for (const [k, v] of Object.entries(validTags(req.tags ?? {}))) {
    if (v === '') delete state.tags[k];
    else state.tags[k] = v;
  }
  return { status: 202, body: indexModel(ctx, state) };
}

export function find(ctx: ControlContext, name: string): IndexState {
  const state = ctx.indexes.get(name);
  if (!state) throw notFound(`Resource ${name} not found`);
  return state;
}

function indexModel(ctx: ControlContext, s: IndexState): unknown {
  const ready = ctx.now() >= s.readyAt;
  return {
    name: s.name,
    vector_type: 'dense',
    metric: s.metric,
    dimension: s.dimension,
    status: { ready, state: ready ? 'Ready' : 'Initializing' },
    host: ctx.hostFor(s.name),
    spec: { serverless: { cloud: s.cloud, region: s.region, read_capacity: { mode: 'OnDemand', status: { state: 'Ready' } } } },
    deletion_protection: s.deletionProtection,
    tags: { ...s.tags },
  };
}

function validTags(tags: unknown): Record<string, string> {
  const t = object(tags, 'tags');
  for (const [k, v] of Object.entries(t)) {
    if (!TAG_KEY.test(k)) throw badRequest(`Tag key "${k}" is invalid: keys must be 80 characters or less and alphanumeric, '_', or '-'`);
    if (typeof v !== 'string' || !TAG_VALUE.test(v)) {
      throw badRequest(
        `Tag value for "${k}" is invalid: values must be 120 characters or less and alphanumeric, ';', '@', '_', '-', '.', '+', or ' '`,
      );
    }
  }
  return t as Record<string, string>;
}

/** Request bodies that do not match the schema: 422, the body-deserialization failure Pinecone's control plane returns. */
function deserialize(detail: string): StandinError {
  const e = new StandinError(422, 'INVALID_ARGUMENT', `Failed to deserialize the JSON body into the target type: ${detail}`);
  return e;
}

function unknownFields(obj: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw deserialize(`unknown field \`${k}\`, expected one of ${allowed.map((a) => `\`${a}\``).join(', ')}`);
  }
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw deserialize(`${what}: invalid type, expected a map`);
  return v as Record<string, unknown>;
}

function throwMissing(field: string): never {
  throw deserialize(`missing field \`${field}\``);
}
