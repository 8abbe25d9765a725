import { badRequest } from './errors.js';
import type { MetadataValue, StoredMetadata } from './store.js';

/**
 * Pinecone's metadata filter language: `{field: value}` (implicit $eq), `{field: {$op: value}}`, `$and`/`$or`
 * over arrays of filters, several keys at one level are ANDed. Operators: $eq $ne $gt $gte $lt $lte $in $nin
 * $exists. Missing fields match $ne and $nin (MongoDB semantics, which Pinecone's language follows).
 */
const FIELD_OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'];
const MAX_IN = 10000;

export type Predicate = (m: StoredMetadata | undefined) => boolean;

export function compileFilter(filter: unknown): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isObject(filter)) throw badRequest(`Invalid filter: expected an object, got ${JSON.stringify(filter)}`);
  const parts = Object.entries(filter).map(([k, v]) => compileKey(k, v));
  return (m) => parts.every((p) => p(m));
}

function compileKey(key: string, value: unknown): Predicate {
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isObject)) {
      throw badRequest(`Invalid filter: ${key} requires a non-empty array of filter objects`);
    }
    const subs = value.map((v) => compileFilter(v));
    return key === '$and' ? (m) => subs.every((p) => p(m)) : (m) => subs.some((p) => p(m));
  }
  if (key.startsWith('$')) throw badRequest(`Invalid filter: unknown operator ${key} at the top level; allowed: $and, $or`);
  if (isObject(value)) {
    const ops = Object.entries(value);
    if (ops.length === 0) throw badRequest(`Invalid filter: empty condition for field "${key}"`);
    const preds = ops.map(([op, arg]) => compileOp(key, op, arg));
    return (m) => preds.every((p) => p(m));
  }
  return compileOp(key, '$eq', value);
}

function compileOp(field: string, op: string, arg: unknown): Predicate {
  if (!FIELD_OPS.includes(op)) {
    throw badRequest(`Invalid filter: unsupported operator ${op} for field "${field}"; allowed: ${FIELD_OPS.join(', ')}`);
  }
  const get = (m: StoredMetadata | undefined): MetadataValue | undefined => m?.[field];
  switch (op) {
    case '$eq':
    case '$ne': {
      if (!isScalar(arg)) throw badRequest(`Invalid filter: ${op} on "${field}" requires a string, number or boolean`);
      const eq = (v: MetadataValue | undefined): boolean => (Array.isArray(v) ? v.includes(arg as string) : v === arg);
      return op === '$eq' ? (m) => eq(get(m)) : (m) => !eq(get(m));
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (typeof arg !== 'number' || !Number.isFinite(arg)) throw badRequest(`Invalid filter: ${op} on "${field}" requires a number`);
      const cmp = { $gt: (v: number) => v > arg, $gte: (v: number) => v >= arg, $lt: (v: number) => v < arg, $lte: (v: number) => v <= arg }[op];
      return (m) => {
        const v = get(m);
        return typeof v === 'number' && cmp(v);
      };
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg) || !arg.every((x) => typeof x === 'string' || typeof x === 'number')) {
        throw badRequest(`Invalid filter: ${op} on "${field}" requires an array of strings or numbers`);
      }
      if (arg.length > MAX_IN) throw badRequest(`Invalid filter: ${op} on "${field}" has ${arg.length} values; the limit is ${MAX_IN}`);
      const set = new Set<unknown>(arg);
      const hit = (v: MetadataValue | undefined): boolean => (Array.isArray(v) ? v.some((x) => set.has(x)) : set.has(v));
      return op === '$in' ? (m) => hit(get(m)) : (m) => !hit(get(m));
    }
    default: {
      if (typeof arg !== 'boolean') throw badRequest(`Invalid filter: $exists on "${field}" requires a boolean`);
      return (m) => (get(m) !== undefined) === arg;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}
