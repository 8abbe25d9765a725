/** Strict validation of a sampling spec object into a SamplerSpec: unknown keys are errors (a typo must not
 * silently change a sample). Pure: the caller reads the file. */
import { invalid, VecstageError } from '../../errors.js';
import { defaultSpec } from './spec-defaults.js';
import { BUILTIN_TAGS, type BuiltinTag, type CustomRule, type Predicate, type SamplerSpec } from './spec-types.js';

const TOP_KEYS = ['$schema', 'description', 'stratifyBy', 'fraction', 'minPerStratum', 'fractionBounds', 'seed', 'mode', 'columns', 'detectors', 'caps', 'rules', 'fixtures'];
const COLUMN_KEYS = ['id', 'embedding', 'text', 'metadata', 'metadataJson'];
const DETECTOR_PARAMS: Record<BuiltinTag, string[]> = {
  empty_text: [],
  short_text: ['minChars'],
  long_text: ['maxChars'],
  non_ascii: [],
  mixed_scripts: [],
  duplicate_vector: [],
  near_duplicate: ['cosine', 'maxBucket'],
  zero_vector: [],
  outlier_norm: ['mads', 'relativeFloor'],
  missing_metadata: [],
  rare_stratum: [],
};
const OPS = ['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists'];

export function parseSpec(raw: unknown, source: string): SamplerSpec {
  const spec = defaultSpec();
  spec.source = source;
  const top = obj(raw, source, 'the spec');
  keys(top, TOP_KEYS, source);
  if (top.stratifyBy !== undefined) spec.stratifyBy = strings(top.stratifyBy, `${source}: stratifyBy`);
  if (top.fraction !== undefined) spec.fraction = num(top.fraction, `${source}: fraction`, 0, 1, 'a number in (0, 1]');
  if (top.minPerStratum !== undefined) spec.minPerStratum = int(top.minPerStratum, `${source}: minPerStratum`, 0);
  if (top.fractionBounds !== undefined) {
    const b = top.fractionBounds;
    if (!Array.isArray(b) || b.length !== 2 || typeof b[0] !== 'number' || typeof b[1] !== 'number' || !(b[0] > 0 && b[0] <= b[1] && b[1] <= 1)) {
      throw invalid('fractionBounds', b, '[min, max] with 0 < min <= max <= 1', source);
    }
    spec.fractionBounds = [b[0], b[1]];
  }
  if (top.seed !== undefined) {
    if (typeof top.seed !== 'string' && !(typeof top.seed === 'number' && Number.isInteger(top.seed))) {
      throw invalid('seed', top.seed, 'a string or an integer', source);
    }
    spec.seed = String(top.seed);
  }
  if (top.mode !== undefined) {
    if (top.mode !== 'exact' && top.mode !== 'bernoulli') throw invalid('mode', top.mode, 'exact, bernoulli', source);
    spec.mode = top.mode;
  }
  if (top.columns !== undefined) {
    const c = obj(top.columns, source, 'columns');
    keys(c, COLUMN_KEYS, `${source}: columns`);
    if (c.id !== undefined) spec.columns.id = str(c.id, `${source}: columns.id`);
    if (c.embedding !== undefined) spec.columns.embedding = str(c.embedding, `${source}: columns.embedding`);
    if (c.text !== undefined) spec.columns.text = c.text === null ? null : str(c.text, `${source}: columns.text`);
    if (c.metadata !== undefined) spec.columns.metadata = c.metadata === null ? null : strings(c.metadata, `${source}: columns.metadata`, true);
    if (c.metadataJson !== undefined) spec.columns.metadataJson = c.metadataJson === null ? null : str(c.metadataJson, `${source}: columns.metadataJson`);
  }
  if (top.detectors !== undefined) parseDetectors(top.detectors, spec, source);
  if (top.caps !== undefined) {
    const caps = obj(top.caps, source, 'caps');
    for (const [k, v] of Object.entries(caps)) spec.caps[k] = int(v, `${source}: caps.${k}`, 0);
  }
  if (top.rules !== undefined) {
    if (!Array.isArray(top.rules)) throw invalid('rules', top.rules, 'an array of rules', source);
    spec.rules = top.rules.map((r, i) => parseRule(r, `${source}: rules[${i}]`));
  }
  if (top.fixtures !== undefined) spec.fixtures = strings(top.fixtures, `${source}: fixtures`, true);
  return spec;
}

function parseDetectors(raw: unknown, spec: SamplerSpec, source: string): void {
  const d = obj(raw, source, 'detectors');
  keys(d, [...BUILTIN_TAGS], `${source}: detectors`);
  for (const tag of BUILTIN_TAGS) {
    const v = d[tag];
    if (v === undefined) continue;
    const where = `${source}: detectors.${tag}`;
    if (typeof v === 'boolean') {
      spec.detectors.enabled[tag] = v;
      continue;
    }
    const o = obj(v, where, 'a detector');
    keys(o, ['enabled', ...DETECTOR_PARAMS[tag]], where);
    if (o.enabled !== undefined) {
      if (typeof o.enabled !== 'boolean') throw invalid(`detectors.${tag}.enabled`, o.enabled, 'true, false', source);
      spec.detectors.enabled[tag] = o.enabled;
    } else spec.detectors.enabled[tag] = true;
    if (o.minChars !== undefined) spec.detectors.shortTextMinChars = int(o.minChars, `${where}.minChars`, 1);
    if (o.maxChars !== undefined) spec.detectors.longTextMaxChars = int(o.maxChars, `${where}.maxChars`, 1);
    if (o.cosine !== undefined) spec.detectors.nearDuplicateCosine = num(o.cosine, `${where}.cosine`, 0, 1, 'a number in (0, 1]');
    if (o.maxBucket !== undefined) spec.detectors.nearDuplicateMaxBucket = int(o.maxBucket, `${where}.maxBucket`, 2);
    if (o.mads !== undefined) spec.detectors.outlierNormMads = num(o.mads, `${where}.mads`, 0, Infinity, 'a positive number');
    if (o.relativeFloor !== undefined) spec.detectors.outlierNormRelativeFloor = num(o.relativeFloor, `${where}.relativeFloor`, 0, Infinity, 'a positive number');
  }
}

function parseRule(raw: unknown, where: string): CustomRule {
  const r = obj(raw, where, 'a rule');
  keys(r, ['tag', 'field', 'regex', 'flags', 'where', 'description'], where);
  const tag = str(r.tag, `${where}.tag`);
  if (r.regex !== undefined) {
    if (r.where !== undefined) throw new VecstageError('INPUT', `${where}: a rule has either "regex" (with "field") or "where", not both`);
    const field = str(r.field, `${where}.field`);
    const flags = r.flags === undefined ? '' : str(r.flags, `${where}.flags`);
    try {
      return { tag, kind: 'regex', field, regex: new RegExp(str(r.regex, `${where}.regex`), flags.replace('g', '')) };
    } catch (err) {
      throw invalid('regex', r.regex, `a JavaScript regular expression (${(err as Error).message})`, where);
    }
  }
  if (r.where !== undefined) {
    if (r.field !== undefined || r.flags !== undefined) throw new VecstageError('INPUT', `${where}: "field" and "flags" belong to regex rules; a "where" rule names fields inside "where"`);
    const w = obj(r.where, where, 'where');
    const clauses = Object.entries(w).map(([field, cond]) => ({ field, predicate: parsePredicate(cond, `${where}.where.${field}`) }));
    if (clauses.length === 0) throw invalid('where', w, 'at least one field condition', where);
    return { tag, kind: 'where', where: clauses };
  }
  throw new VecstageError('INPUT', `${where}: a rule needs "regex" and "field", or "where"; e.g. {"tag":"legal","field":"text","regex":"GDPR"}`);
}

function parsePredicate(raw: unknown, where: string): Predicate {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (raw !== null && typeof raw === 'object') throw invalid('condition', raw, 'a value or {"$op": value}', where);
    return { op: '$eq', value: scalar(raw, where) };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const first = entries[0];
  if (entries.length !== 1 || !first) throw invalid('condition', raw, `one operator of ${OPS.join(', ')}`, where);
  const [op, v] = first;
  switch (op) {
    case '$eq':
    case '$ne':
      return { op, value: scalar(v, where) };
    case '$in':
    case '$nin':
      if (!Array.isArray(v)) throw invalid(op, v, 'an array of values', where);
      return { op, values: v.map((x) => scalar(x, where) as string | number | boolean) };
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (typeof v !== 'number' && typeof v !== 'string') throw invalid(op, v, 'a number or string', where);
      return { op, value: v };
    case '$exists':
      if (typeof v !== 'boolean') throw invalid(op, v, 'true, false', where);
      return { op, value: v };
    default:
      throw invalid('operator', op, OPS.join(', '), where);
  }
}

function scalar(v: unknown, where: string): string | number | boolean | null {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw invalid('value', v, 'a string, number, boolean or null', where);
}

function obj(v: unknown, where: string, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(what, v, 'a JSON object', where);
  return v as Record<string, unknown>;
}

function keys(o: Record<string, unknown>, allowed: string[], where: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw invalid('key', k, allowed.join(', '), where);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0) throw invalid(where.split(': ').pop() ?? 'value', v, 'a non-empty string', where.split(': ')[0]);
  return v;
}

function strings(v: unknown, where: string, allowEmpty = false): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.length === 0) || (!allowEmpty && v.length === 0)) {
    throw invalid(where.split(': ').pop() ?? 'value', v, `an array of${allowEmpty ? '' : ' one or more'} non-empty strings`, where.split(': ')[0]);
  }
  return v as string[];
}

function num(v: unknown, where: string, lo: number, hi: number, allowed: string): number {
  if (typeof v !== 'number' || !(v > lo && v <= hi)) throw invalid(where.split(': ').pop() ?? 'value', v, allowed, where.split(': ')[0]);
  return v;
}

function int(v: unknown, where: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw invalid(where.split(': ').pop() ?? 'value', v, `an integer >= ${min}`, where.split(': ')[0]);
  return v;
}
