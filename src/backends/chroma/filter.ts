import { invalid } from '../../errors.js';
import type { MetadataFilter } from '../types.js';

/** Chroma's `where` as plain JSON (the client's `Where` type is structurally the same). */
export type ChromaWhere = Record<string, unknown>;

const FIELD_OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'] as const;
const ALLOWED = `field: value | { ${FIELD_OPS.join(' | ')} }, $and: [...], $or: [...]`;

/**
 * Our filter dialect is Chroma's `where`, written the way Pinecone and Mongo allow; Chroma is stricter:
 * exactly one key per object (several fields or several operators become `$and`), and `$and`/`$or` need two or
 * more clauses (a single clause is unwrapped). An empty filter means "no filter".
 */
export function toChromaWhere(filter: MetadataFilter | undefined, where = 'filter'): ChromaWhere | undefined {
  if (filter === undefined) return undefined;
  const clauses = translate(filter, where);
  return combine('$and', clauses);
}

function translate(filter: unknown, where: string): ChromaWhere[] {
  if (!isPlainObject(filter)) throw invalid(where, filter, `an object: ${ALLOWED}`);
  const out: ChromaWhere[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw invalid(`${where}.${key}`, value, 'a non-empty array of filters');
      const parts = value.map((v, i) => {
        const sub = combine('$and', translate(v, `${where}.${key}[${i}]`));
        if (sub === undefined) throw invalid(`${where}.${key}[${i}]`, v, 'a non-empty filter');
        return sub;
      });
      const joined = combine(key, parts);
      if (joined) out.push(joined);
    } else if (key.startsWith('$')) {
      throw invalid(`${where} operator`, key, `$and, $or at the top level; ${FIELD_OPS.join(' ')} inside a field`);
    } else {
      out.push(...fieldClauses(key, value, `${where}.${key}`));
    }
  }
  return out;
}

function fieldClauses(field: string, value: unknown, where: string): ChromaWhere[] {
  if (isScalar(value)) return [{ [field]: value }];
  if (!isPlainObject(value)) throw invalid(where, value, `a string, number or boolean, or { ${FIELD_OPS.join(' | ')} }`);
  const ops = Object.entries(value);
  if (ops.length === 0) throw invalid(where, value, `at least one of ${FIELD_OPS.join(' ')}`);
  return ops.map(([op, operand]) => {
    if (!(FIELD_OPS as readonly string[]).includes(op)) throw invalid(`${where} operator`, op, FIELD_OPS.join(' '));
    if (op === '$in' || op === '$nin') {
      if (!Array.isArray(operand) || operand.length === 0 || !operand.every(isScalar)) {
        throw invalid(`${where}.${op}`, operand, 'a non-empty array of strings, numbers or booleans');
      }
    } else if (!isScalar(operand)) {
      throw invalid(`${where}.${op}`, operand, 'a string, number or boolean');
    }
    return { [field]: { [op]: operand } };
  });
}

function combine(op: string, clauses: ChromaWhere[]): ChromaWhere | undefined {
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return { [op]: clauses };
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
