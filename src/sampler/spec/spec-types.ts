/** The sampling spec (sampler/<name>.json) after validation. See sampler/README.md for the file format. */

export const BUILTIN_TAGS = [
  'empty_text',
  'short_text',
  'long_text',
  'non_ascii',
  'mixed_scripts',
  'duplicate_vector',
  'near_duplicate',
  'zero_vector',
  'outlier_norm',
  'missing_metadata',
  'rare_stratum',
] as const;
export type BuiltinTag = (typeof BUILTIN_TAGS)[number];

export interface DetectorSettings {
  enabled: Record<BuiltinTag, boolean>;
  shortTextMinChars: number;
  longTextMaxChars: number;
  nearDuplicateCosine: number;
  nearDuplicateMaxBucket: number;
  outlierNormMads: number;
  outlierNormRelativeFloor: number;
}

export type Predicate =
  | { op: '$eq' | '$ne'; value: string | number | boolean | null }
  | { op: '$in' | '$nin'; values: Array<string | number | boolean> }
  | { op: '$gt' | '$gte' | '$lt' | '$lte'; value: number | string }
  | { op: '$exists'; value: boolean };

export type CustomRule =
  | { tag: string; kind: 'regex'; field: string; regex: RegExp }
  | { tag: string; kind: 'where'; where: Array<{ field: string; predicate: Predicate }> };

export interface ColumnMapping {
  id: string;
  embedding: string;
  /** null: no text column */
  text: string | null;
  /** null: every column not otherwise mapped is metadata */
  metadata: string[] | null;
  /** a column holding a JSON object of metadata, merged in; null: none */
  metadataJson: string | null;
}

export interface SamplerSpec {
  /** where the spec came from (file path or "built-in") */
  source: string;
  stratifyBy: string[];
  fraction: number | undefined;
  minPerStratum: number | undefined;
  fractionBounds: [number, number] | undefined;
  seed: string;
  mode: 'exact' | 'bernoulli' | undefined;
  columns: ColumnMapping;
  detectors: DetectorSettings;
  /** per-tag cap on certainty rows; `default` applies to tags not listed */
  caps: Record<string, number>;
  rules: CustomRule[];
  /** fixture files or `dir/*.jsonl` patterns, relative to the project folder */
  fixtures: string[];
}
