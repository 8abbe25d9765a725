/**
 * What the generator injects. Edge cases are valid rows a sampler must tag and keep; bad rows are rows a sampler
 * must reject (DESIGN §3). The names are the keys of the ground truth (`<out>.truth.json`).
 */
export const EDGE_KINDS = [
  'empty-text',
  'short-text',
  'long-text',
  'mixed-script',
  'duplicate-vector',
  'near-duplicate-vector',
  'zero-vector',
  'outlier-norm',
  'missing-metadata',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/**
 * `missing-metadata` rows have every metadata field empty (tenant, lang, doc_type, created_at).
 * `broken-quote`: an unescaped quote inside a quoted text cell (CSV) or inside a JSON string (JSONL).
 * `wrong-column-count`: one extra cell (CSV); a record cut off mid-line (JSONL).
 */
export const BAD_KINDS = [
  'nan-embedding',
  'inf-embedding',
  'wrong-dimension',
  'unparseable-embedding',
  'repeated-id',
  'missing-id',
  'broken-quote',
  'wrong-column-count',
] as const;
export type BadKind = (typeof BAD_KINDS)[number];

export type InjectionKind = EdgeKind | BadKind;
export const INJECTION_KINDS: readonly InjectionKind[] = [...EDGE_KINDS, ...BAD_KINDS];

/** kinds whose row copies something from an earlier clean row (its vector or its id) */
export const SOURCED_KINDS: ReadonlySet<InjectionKind> = new Set(['duplicate-vector', 'near-duplicate-vector', 'repeated-id']);

export function isBadKind(kind: InjectionKind): kind is BadKind {
  return (BAD_KINDS as readonly string[]).includes(kind);
}
