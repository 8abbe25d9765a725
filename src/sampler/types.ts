/** Values shared by the sampler's readers, validation and selection. */

/** One input record before validation: field names and values, and where it came from. */
export interface RawRow {
  /** CSV: physical line of the record start; JSONL: line; Arrow: row index + 1 */
  line: number;
  fields: readonly string[];
  values: readonly unknown[];
  /** set when the record itself could not be parsed (the values are then meaningless) */
  error?: { reason: RejectReason; column: string | null; detail: string };
}

export const REJECT_REASONS = [
  'unparseable_row',
  'invalid_utf8',
  'missing_id',
  'unparseable_cell',
  'unparseable_embedding',
  'wrong_dimension',
  'non_finite',
  'duplicate_id',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** One line of rejects.jsonl. */
export interface Reject {
  line: number;
  column: string | null;
  reason: RejectReason;
  id?: string;
  detail: string;
}

export type InputFormat = 'csv' | 'jsonl' | 'arrow';
export const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'jsonl', 'arrow'];

export type MetadataValue = string | number | boolean;
