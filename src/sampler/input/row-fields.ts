/**
 * What the vector and the document validators read the same way from a RawRow: metadata (mapped columns and a
 * JSON-object column), its values, the stratum name, and the shape of a reject.
 */
import type { MetadataValue, Reject } from '../types.js';

export interface Rejected {
  ok: false;
  reject: Reject;
}

export function reject(line: number, column: string | null, reason: Reject['reason'], detail: string, id?: string): Rejected {
  return { ok: false, reject: id === undefined ? { line, column, reason, detail } : { line, column, reason, id, detail } };
}

/** A cell that cannot be metadata, as readMetadata returns it (a class: no metadata object can pass for one). */
export class MetadataReject {
  constructor(readonly rejected: Rejected) {}
}

export interface MetadataPlan {
  /** index of the JSON-object metadata column, -1 without one */
  metadataJson: number;
  metadata: ReadonlyArray<readonly [string, number]>;
}

/**
 * The row's metadata: every mapped column with a value, then the keys of the JSON-object column (`jsonColumn`);
 * null when there is none. Text that decoded to U+FFFD, or a JSON column that is not an object, is a reject.
 */
export function readMetadata(values: readonly unknown[], plan: MetadataPlan, jsonColumn: string | null, line: number, id: string): Record<string, MetadataValue> | null | MetadataReject {
  let metadata: Record<string, MetadataValue> | null = null;
  for (const [name, idx] of plan.metadata) {
    const v = values[idx];
    if (v === undefined || v === null || v === '') continue;
    const value = toMetadataValue(v);
    if (typeof value === 'string' && value.includes('\uFFFD')) return new MetadataReject(reject(line, name, 'invalid_utf8', `metadata "${name}" is not valid UTF-8 (decoded to U+FFFD)`, id));
    (metadata ??= {})[name] = value;
  }
  if (plan.metadataJson < 0) return metadata;
  const cell = values[plan.metadataJson];
  if (cell === undefined || cell === null || cell === '') return metadata;
  const col = jsonColumn as string;
  let obj: unknown = cell;
  if (typeof cell === 'string') {
    if (cell.includes('\uFFFD')) return new MetadataReject(reject(line, col, 'invalid_utf8', `"${col}" is not valid UTF-8 (decoded to U+FFFD)`, id));
    try {
      obj = JSON.parse(cell);
    } catch (err) {
      return new MetadataReject(reject(line, col, 'unparseable_cell', `"${col}" is not a JSON object: ${(err as Error).message}`, id));
    }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return new MetadataReject(reject(line, col, 'unparseable_cell', `"${col}" is not a JSON object`, id));
  const entries = obj as Record<string, unknown>;
  // own enumerable keys in Object.entries order (a parsed object inherits none), without an array per entry
  for (const k in entries) {
    const v = entries[k];
    if (v !== null && v !== undefined) (metadata ??= {})[k] = toMetadataValue(v);
  }
  return metadata;
}

export function toMetadataValue(v: unknown): MetadataValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return JSON.stringify(v);
}

/** `k1=v1,k2=v2` over the stratify-by keys ('(missing)' for an absent value); 'all' without keys. */
export function stratumName(keys: readonly string[], metadata: Record<string, MetadataValue> | null): string {
  if (keys.length === 0) return 'all';
  let s = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    s += `${i === 0 ? '' : ','}${k}=${metadata?.[k] ?? '(missing)'}`;
  }
  return s;
}
