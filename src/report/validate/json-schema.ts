/**
 * A small JSON Schema checker for the keywords report.schema.json uses (type, const, enum, minimum, properties,
 * required, additionalProperties, items, anyOf, local $ref). It exists so the CLI can refuse a malformed
 * report.json with the path of the first wrong field without a runtime dependency; the tests check the schema
 * itself with ajv (full draft 2020-12) and that both agree.
 */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

/** The first violation as "<json path>: <what>", or null when the value conforms. */
export function firstViolation(root: SchemaNode, value: unknown): string | null {
  return check(root, root, value, '$');
}

function check(root: SchemaNode, node: SchemaNode, v: unknown, path: string): string | null {
  if (node.$ref !== undefined) {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) return `${path}: schema has no $defs/${name}`;
    return check(root, target, v, path);
  }
  if (node.anyOf) {
    const errors = node.anyOf.map((s) => check(root, s, v, path));
    if (errors.some((e) => e === null)) return null;
    return errors.find((e) => e !== null && !e.endsWith('expected null')) ?? errors[0] ?? null;
  }
  if (node.const !== undefined && v !== node.const) return `${path}: expected ${JSON.stringify(node.const)}, got ${show(v)}`;
  if (node.enum && !node.enum.includes(v)) return `${path}: expected one of ${node.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${show(v)}`;
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (!types.some((t) => isType(v, t))) return `${path}: expected ${types.join(' or ')}, got ${show(v)}`;
  }
  if (typeof v === 'number' && node.minimum !== undefined && v < node.minimum) return `${path}: expected >= ${node.minimum}, got ${v}`;
  if (Array.isArray(v) && node.items) {
    for (let i = 0; i < v.length; i++) {
      const e = check(root, node.items, v[i], `${path}[${i}]`);
      if (e) return e;
    }
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const key of node.required ?? []) if (!(key in o)) return `${path}: missing required field "${key}"`;
    for (const [key, val] of Object.entries(o)) {
      const sub = node.properties?.[key];
      const where = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (sub) {
        const e = check(root, sub, val, where);
        if (e) return e;
      } else if (node.additionalProperties === false) {
        return `${path}: unknown field "${key}"; allowed: ${Object.keys(node.properties ?? {}).join(', ')}`;
      } else if (typeof node.additionalProperties === 'object') {
        const e = check(root, node.additionalProperties, val, where);
        if (e) return e;
      }
    }
  }
  return null;
}

function isType(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeof v === t;
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
