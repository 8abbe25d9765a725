/** What both selection modes share: resolved options, the validator, dimension inference, reject handling. */
import type { InputDescription, ByteTap } from './input/input.js';
import { openRows } from './input/input.js';
import type { EmbeddingParser } from './input/embedding-parse.js';
import type { RowValidator } from './input/validate-row.js';
import type { SamplerSpec } from './spec/spec-types.js';
import type { RawRow, Reject } from './types.js';
import type { ProgressSink } from './progress.js';
import { liveRows } from './live-source/live-rows.js';
import type { LiveIndexSource } from './live-source/types.js';
import type { ResolvedOrigin } from './input/origin.js';
import { shardRows, type ShardTally } from './input/shard-rows.js';
import type { ShardSpec } from './input/shard.js';

export interface ResolvedRun {
  desc: InputDescription;
  stdin: NodeJS.ReadableStream | undefined;
  out: string;
  spec: SamplerSpec;
  seed: string;
  fraction: number;
  fractionBounds: [number, number] | null;
  minPerStratum: number;
  mode: 'exact' | 'bernoulli';
  /** import: every valid row, probability 1 */
  keepAll: boolean;
  embedding: { model: string; dimension: number; metric: string; dimensionSource: string };
  fixtureIds: Map<string, string[]>;
  fixtureFiles: string[];
  progress: ProgressSink | undefined;
  origin: ResolvedOrigin;
  /** --shard i/n: only rows of shard i are read (Bernoulli mode); null: every row */
  shard: ShardSpec | null;
  /** rows the last pass skipped because they belong to other shards */
  shardTally: ShardTally;
  /** --from-env: a live index instead of a file (desc then describes the index) */
  live: LiveIndexSource | undefined;
}

/** Rows seen before the dimension is fixed: at most this many are buffered for the inference. */
export const INFER_ROWS = 1000;

/**
 * Fixes the dimension when neither config nor flag gave one: the most common embedding length among the first
 * INFER_ROWS parseable rows (ties: the smaller length), so one malformed first row cannot reject the file.
 */
export async function* withDimension(
  rows: AsyncGenerator<RawRow>,
  validator: RowValidator,
  run: ResolvedRun,
): AsyncGenerator<RawRow> {
  if (validator.dimension > 0) {
    yield* rows;
    return;
  }
  const buffered: RawRow[] = [];
  const counts = new Map<number, number>();
  try {
    while (buffered.length < INFER_ROWS) {
      const next = await rows.next();
      if (next.done) break;
      buffered.push(next.value);
      const len = validator.embeddingLength(next.value);
      if (len !== undefined && len > 0) counts.set(len, (counts.get(len) ?? 0) + 1);
    }
  } catch (err) {
    // e.g. a header error from the validator: the source is closed (its file handle) before the error goes up
    await rows.return(undefined);
    throw err;
  }
  let best = 0;
  let bestCount = 0;
  for (const [len, c] of counts) if (c > bestCount || (c === bestCount && len < best)) [best, bestCount] = [len, c];
  if (best > 0) {
    validator.dimension = best;
    run.embedding.dimension = best;
    run.embedding.dimensionSource = `inferred: the most common length among the first ${Math.min(INFER_ROWS, buffered.length)} rows (${bestCount} of them)`;
  }
  yield* buffered;
  yield* rows;
}

/**
 * The rows of one pass: the file (or stdin) or the live index, restricted to the run's shard. `wanted` (record
 * numbers, exact mode's pass 2) lets a live index fetch only the selected vectors; a file is read whole anyway.
 */
export function rowsOf(run: ResolvedRun, tap: ByteTap, wanted?: { has(rec: number): boolean }): AsyncGenerator<RawRow> {
  run.shardTally.outside = 0;
  const shard = run.shard ?? undefined;
  if (run.live) {
    const c = run.spec.columns;
    return liveRows(run.live, { idColumn: c.id, embeddingColumn: c.embedding, shard, tally: run.shardTally, wanted, tap });
  }
  const rows = openRows(run.desc, run.stdin, tap);
  return shard ? shardRows(rows, run.spec.columns.id, shard, run.shardTally) : rows;
}

export function countReasons(rejects: readonly Reject[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rejects) out[r.reason] = (out[r.reason] ?? 0) + 1;
  return out;
}

export type { EmbeddingParser };
