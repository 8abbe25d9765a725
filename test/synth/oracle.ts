/**
 * An independent reader of generated exports for the tests: classifies every record by looking at it (not at the
 * plan) and returns, per injection kind, the lines it found. The tests compare that with the generator's truth.
 */
export interface OracleRecord {
  line: number;
  id: string | undefined;
  embedding: unknown;
  text: string;
  tenant: string | undefined;
  lang: string | undefined;
}

export interface OracleResult {
  found: Record<string, number[]>;
  /** first line of the row whose id or vector a later row repeats, keyed by the later row's line */
  firstOf: Map<number, number>;
  valid: Array<OracleRecord & { vector: number[] }>;
}

export function classify(records: OracleRecord[], unreadable: number[], dim: number, longTextChars: number): OracleResult {
  const found: Record<string, number[]> = {};
  const add = (k: string, line: number) => (found[k] ??= []).push(line);
  for (const line of unreadable) add('unreadable', line);
  const firstOf = new Map<number, number>();
  const seenIds = new Map<string, number>();
  const seenVectors = new Map<string, number>();
  const valid: OracleResult['valid'] = [];
  for (const r of records) {
    if (r.id === undefined || r.id === '') {
      add('missing-id', r.line);
      continue;
    }
    let vector: number[];
    if (typeof r.embedding === 'string') {
      try {
        vector = JSON.parse(r.embedding) as number[];
      } catch {
        add(/NaN/.test(r.embedding) ? 'nan-embedding' : /Infinity/.test(r.embedding) ? 'inf-embedding' : 'unparseable-embedding', r.line);
        continue;
      }
    } else vector = r.embedding as number[];
    if (!Array.isArray(vector) || vector.length !== dim) {
      add('wrong-dimension', r.line);
      continue;
    }
    const prev = seenIds.get(r.id);
    if (prev !== undefined) {
      add('repeated-id', r.line);
      firstOf.set(r.line, prev);
      continue;
    }
    seenIds.set(r.id, r.line);
    valid.push({ ...r, vector });
    const text = r.text;
    if (text.trim() === '') add('empty-text', r.line);
    else if (text.length < 4) add('short-text', r.line);
    if (text.length >= longTextChars) add('long-text', r.line);
    if (/[\u0400-\u04ff]/.test(text) && /[\u4e00-\u9fff]/.test(text)) add('mixed-script', r.line);
    const norm = Math.hypot(...vector);
    if (norm === 0) add('zero-vector', r.line);
    else if (Math.abs(norm - 1) > 0.01) add('outlier-norm', r.line);
    if (!r.tenant && !r.lang) add('missing-metadata', r.line);
    const key = vector.join(',');
    const first = seenVectors.get(key);
    if (first !== undefined && norm > 0) {
      add('duplicate-vector', r.line);
      firstOf.set(r.line, first);
    } else if (first === undefined) seenVectors.set(key, r.line);
  }
  return { found, firstOf, valid };
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}
