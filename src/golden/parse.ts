/** Parses and validates golden query lines; every error names file:line and what is allowed. */
import { VecstageError } from '../errors.js';
import { validateFilter } from '../backends/filter.js';
import { GOLDEN_KEYS, type GoldenQuery } from './types.js';

export interface ParseIssue {
  line: number;
  message: string;
}

export interface ParseGoldenOptions {
  source: string;
  /** expected dimension; 0 or undefined = take it from the first query */
  dimension?: number | undefined;
  /** allowed tags; undefined = any */
  vocabulary?: ReadonlySet<string> | undefined;
  /**
   * Accept queries with `text` and no `embedding` (embedded later by a pipeline's embedder). They come back with
   * an empty `embedding` (length 0) for the caller to fill. @default false
   */
  textOnly?: boolean;
}

export interface ParseGoldenResult {
  queries: GoldenQuery[];
  dimension: number;
  issues: ParseIssue[];
}

/** Collects every issue instead of stopping at the first, so an analyst fixes a file in one pass. */
export function parseGolden(text: string, opts: ParseGoldenOptions): ParseGoldenResult {
  const lines = text.split('\n');
  const objects: Array<{ line: number; value: unknown } | { line: number; error: string }> = [];
  lines.forEach((raw, idx) => {
    const s = raw.trim();
    if (s === '' || s.startsWith('//')) return;
    try {
      objects.push({ line: idx + 1, value: JSON.parse(s) as unknown });
    } catch (err) {
      objects.push({ line: idx + 1, error: `invalid JSON: ${(err as Error).message}` });
    }
  });
  return parseGoldenObjects(objects, opts);
}

/** Validates golden queries given as parsed objects with their line (JSONL) or row (Arrow) numbers. */
export function parseGoldenObjects(objects: ReadonlyArray<{ line: number; value: unknown } | { line: number; error: string }>, opts: ParseGoldenOptions): ParseGoldenResult {
  const queries: GoldenQuery[] = [];
  const issues: ParseIssue[] = [];
  const firstLine = new Map<string, number>();
  let dimension = opts.dimension ?? 0;
  objects.forEach((entry) => {
    const line = entry.line;
    const issue = (message: string) => issues.push({ line, message });
    if ('error' in entry) return issue(entry.error);
    const v = entry.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return issue('not a JSON object');
    const obj = v as Record<string, unknown>;
    const unknown = Object.keys(obj).filter((k) => !(GOLDEN_KEYS as readonly string[]).includes(k));
    if (unknown.length) return issue(`unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${GOLDEN_KEYS.join(', ')}`);
    const id = obj.id;
    if (typeof id !== 'string' || id.length === 0) return issue(`invalid id: ${JSON.stringify(id)}; allowed: a non-empty string`);
    const prev = firstLine.get(id);
    if (prev !== undefined) return issue(`duplicate query id "${id}" (first on line ${prev})`);
    firstLine.set(id, line);
    const emb = obj.embedding;
    const text = obj.text === undefined || obj.text === null ? null : obj.text;
    if (text !== null && typeof text !== 'string') return issue(`query "${id}": invalid text; allowed: a string or null`);
    let embedding: Float32Array;
    if (emb === undefined && opts.textOnly && typeof text === 'string' && text.trim() !== '') embedding = new Float32Array(0);
    else {
      if (emb === undefined) {
        return issue(`query "${id}": no embedding; allowed: an array of numbers${opts.textOnly ? ', or a non-empty text to embed' : ' (text-only queries need a pipeline to embed them: bench an index built by vecstage build, or pass --pipeline)'}`);
      }
      if (!Array.isArray(emb) || emb.length === 0) return issue(`query "${id}": invalid embedding; allowed: a non-empty array of numbers`);
      const bad = emb.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
      if (bad >= 0) return issue(`query "${id}": embedding[${bad}] is ${JSON.stringify(emb[bad])}; allowed: finite numbers`);
      if (dimension === 0) dimension = emb.length;
      if (emb.length !== dimension) return issue(`query "${id}": embedding has dimension ${emb.length}, expected ${dimension}`);
      embedding = Float32Array.from(emb as number[]);
    }
    const rest = parseJudgements(obj, id, opts.vocabulary);
    if (typeof rest === 'string') return issue(rest);
    queries.push({ id, text, embedding, ...rest, line });
  });
  return { queries, dimension, issues };
}

/** `relevant`, `tags` and `filter` of one query line, or the message of the first problem. */
function parseJudgements(obj: Record<string, unknown>, id: string, vocabulary: ReadonlySet<string> | undefined): Pick<GoldenQuery, 'relevant' | 'tags' | 'filter'> | string {
  const relevant: Record<string, number> = {};
  if (obj.relevant !== undefined) {
    const r = obj.relevant;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return `query "${id}": invalid relevant; allowed: an object of doc id -> grade, e.g. {"doc-7": 2}`;
    for (const [doc, grade] of Object.entries(r)) {
      if (typeof grade !== 'number' || !Number.isFinite(grade)) return `query "${id}": relevant["${doc}"] is ${JSON.stringify(grade)}; allowed: a number (> 0 relevant)`;
      relevant[doc] = grade;
    }
  }
  const tags: string[] = [];
  if (obj.tags !== undefined) {
    if (!Array.isArray(obj.tags) || obj.tags.some((t) => typeof t !== 'string' || t === '')) return `query "${id}": invalid tags; allowed: an array of non-empty strings`;
    for (const t of obj.tags as string[]) {
      if (vocabulary && !vocabulary.has(t)) return `query "${id}": unknown tag "${t}"; allowed: ${[...vocabulary].join(', ')}`;
      if (!tags.includes(t)) tags.push(t);
    }
  }
  let filter: GoldenQuery['filter'] = null;
  if (obj.filter !== undefined && obj.filter !== null) {
    try {
      validateFilter(obj.filter);
      filter = obj.filter as Record<string, unknown>;
    } catch (err) {
      return `query "${id}": ${(err as Error).message}`;
    }
  }
  return { relevant, tags, filter };
}

/** Throws one INPUT error listing the first issues with file:line. */
export function throwIssues(source: string, issues: readonly ParseIssue[]): void {
  if (issues.length === 0) return;
  const shown = issues.slice(0, 5).map((i) => `${source}:${i.line}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new VecstageError('INPUT', `${shown.join('; ')}${more}`, { details: { issues: issues.slice(0, 100) } });
}
