/** Custom rules from the spec: a regex on a field, or metadata predicates (the Mongo-style subset). */
import type { CustomRule, Predicate } from '../spec/spec-types.js';

export type FieldLookup = (field: string) => string | number | boolean | null | undefined;

export function matchRule(rule: CustomRule, get: FieldLookup): boolean {
  if (rule.kind === 'regex') {
    const v = get(rule.field);
    return v !== null && v !== undefined && rule.regex.test(String(v));
  }
  return rule.where.every(({ field, predicate }) => matchPredicate(predicate, get(field)));
}

export function matchPredicate(p: Predicate, v: string | number | boolean | null | undefined): boolean {
  switch (p.op) {
    case '$exists':
      return (v !== undefined && v !== null) === p.value;
    case '$eq':
      return looseEq(v, p.value);
    case '$ne':
      return !looseEq(v, p.value);
    case '$in':
      return p.values.some((x) => looseEq(v, x));
    case '$nin':
      return !p.values.some((x) => looseEq(v, x));
    default: {
      if (v === null || v === undefined) return false;
      const [a, b] = typeof p.value === 'number' ? [Number(v), p.value] : [String(v), p.value];
      if (typeof a === 'number' && Number.isNaN(a)) return false;
      if (p.op === '$gt') return a > b;
      if (p.op === '$gte') return a >= b;
      if (p.op === '$lt') return a < b;
      return a <= b;
    }
  }
}

/** CSV cells are strings: "5" equals 5 and "true" equals true. */
function looseEq(v: string | number | boolean | null | undefined, x: string | number | boolean | null): boolean {
  if (v === undefined) return x === null;
  if (v === null || x === null) return v === x;
  return v === x || String(v) === String(x);
}
