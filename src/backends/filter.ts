/**
 * The Mongo-style metadata filter that Chroma and Pinecone share, evaluated in-process (memory backend, ground
 * truth) and validated once at the edge so a typo in a filter is an error, not an empty result.
 *
 * Semantics (documented here because backends differ in corners):
 * - `{ field: value }` is `{ field: { $eq: value } }`; several keys at one level are combined with AND.
 * - $gt $gte $lt $lte take numbers and match only numeric metadata values.
 * - $eq / $in compare with strict equality (1 never equals "1").
 * - A record without the field matches $ne and $nin (its value is not the given one) and nothing else.
 */
import { invalid } from '../errors.js';
import type { Metadata, MetadataFilter, MetadataValue } from './types.js';

export const FIELD_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'] as const;
export const LOGICAL_OPERATORS = ['$and', '$or'] as const;
type FieldOperator = (typeof FIELD_OPERATORS)[number];

const ALLOWED = `field conditions with ${FIELD_OPERATORS.join(' ')} (a bare value means $eq) combined with ${LOGICAL_OPERATORS.join(' ')}`;

/** Checks a filter's shape and operand types; returns it typed. Throws `invalid filter...` naming the path. */
export function validateFilter(filter: unknown, where = 'filter'): MetadataFilter {
  checkNode(filter, where);
  return filter as MetadataFilter;
}

/** True when `metadata` satisfies `filter` (assumed valid: see validateFilter). */
export function matchesFilter(filter: MetadataFilter, metadata: Metadata | undefined): boolean {
  const meta = metadata ?? {};
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and') {
      if (!(cond as MetadataFilter[]).every((f) => matchesFilter(f, meta))) return false;
    } else if (key === '$or') {
      if (!(cond as MetadataFilter[]).some((f) => matchesFilter(f, meta))) return false;
    } else if (!matchesField(Object.hasOwn(meta, key) ? meta[key] : undefined, cond)) {
      return false;
    }
  }
  return true;
}

function matchesField(value: MetadataValue | undefined, cond: unknown): boolean {
  if (!isPlainObject(cond)) return value === cond;
  for (const [op, operand] of Object.entries(cond)) {
    if (!applyOperator(op as FieldOperator, value, operand)) return false;
  }
  return true;
}

function applyOperator(op: FieldOperator, value: MetadataValue | undefined, operand: unknown): boolean {
  switch (op) {
    case '$eq':
      return value === operand;
    case '$ne':
      return value !== operand;
    case '$in':
      return (operand as MetadataValue[]).includes(value as MetadataValue);
    case '$nin':
      return !(operand as MetadataValue[]).includes(value as MetadataValue);
    case '$gt':
      return typeof value === 'number' && value > (operand as number);
    case '$gte':
      return typeof value === 'number' && value >= (operand as number);
    case '$lt':
      return typeof value === 'number' && value < (operand as number);
    case '$lte':
      return typeof value === 'number' && value <= (operand as number);
  }
}

function checkNode(node: unknown, path: string): void {
  if (!isPlainObject(node)) throw invalid('filter', node, `an object of ${ALLOWED}`, path);
  for (const [key, cond] of Object.entries(node)) {
    const at = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(cond) || cond.length === 0) throw invalid('filter', cond, `${key} takes a non-empty array of filters`, at);
      cond.forEach((sub, i) => checkNode(sub, `${at}[${i}]`));
    } else if (key.startsWith('$')) {
      throw invalid('filter operator', key, ALLOWED, path);
    } else if (isPlainObject(cond)) {
      const ops = Object.entries(cond);
      if (ops.length === 0) throw invalid('filter', cond, `a value or an object with one of ${FIELD_OPERATORS.join(' ')}`, at);
      for (const [op, operand] of ops) checkOperand(op, operand, `${at}.${op}`);
    } else if (!isScalar(cond)) {
      throw invalid('filter', cond, `a string, number or boolean, or an object with one of ${FIELD_OPERATORS.join(' ')}`, at);
    }
  }
}

function checkOperand(op: string, operand: unknown, at: string): void {
  switch (op) {
    case '$eq':
    case '$ne':
      if (!isScalar(operand)) throw invalid('filter', operand, `${op} takes a string, number or boolean`, at);
      return;
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (typeof operand !== 'number' || !Number.isFinite(operand)) throw invalid('filter', operand, `${op} takes a finite number`, at);
      return;
    case '$in':
    case '$nin':
      if (!Array.isArray(operand) || operand.length === 0 || !operand.every(isScalar)) {
        throw invalid('filter', operand, `${op} takes a non-empty array of strings, numbers or booleans`, at);
      }
      return;
    default:
      throw invalid('filter operator', op, `one of ${FIELD_OPERATORS.join(' ')} inside a field condition`, at);
  }
}

function isScalar(v: unknown): v is MetadataValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
