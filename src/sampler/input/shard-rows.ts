/**
 * The shard filter over raw input rows. A row's shard comes from its id read the way RowValidator reads it
 * (a string trimmed, a number as text), so every occurrence of an id, valid or not, lands in the same shard and
 * repeated ids are still caught. Rows without a readable id (unparseable records, missing ids) belong to shard 1,
 * so each reject appears in exactly one shard's rejects.jsonl.
 */
import { inShard, type ShardSpec } from './shard.js';
import type { RawRow } from '../types.js';

export interface ShardTally {
  /** rows of the input that belong to other shards (not read further, not in rows_read) */
  outside: number;
}

export async function* shardRows(rows: AsyncIterable<RawRow>, idColumn: string, shard: ShardSpec, tally: ShardTally): AsyncGenerator<RawRow> {
  let fields: readonly string[] | undefined;
  let at = -1;
  for await (const raw of rows) {
    const id = rawRowId(raw, idColumn, fields === raw.fields ? at : (at = raw.fields.indexOf(idColumn)));
    fields = raw.fields;
    if (id === undefined ? shard.index === 1 : inShard(id, shard)) yield raw;
    else tally.outside++;
  }
}

/** The id RowValidator would read, or undefined when there is none. */
export function rawRowId(raw: RawRow, idColumn: string, at = raw.fields.indexOf(idColumn)): string | undefined {
  if (raw.error || at < 0) return undefined;
  const v = raw.values[at];
  const id = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
  return id === '' ? undefined : id;
}
