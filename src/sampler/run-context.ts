/** What both selection modes share: resolved options, the validator, dimension inference, reject handling. */
import type { InputDescription, ByteTap } from './input.js';
import { openRows } from './input.js';
import type { EmbeddingParser } from './embedding-parse.js';
import type { RowValidator } from './validate-row.js';
import type { SamplerSpec } from './spec-types.js';
import type { RawRow, Reject } from './types.js';
import type { ProgressSink } from './progress.js';

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
  while (buffered.length < INFER_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    buffered.push(next.value);
    const len = validator.embeddingLength(next.value);
    if (len !== undefined && len > 0) counts.set(len, (counts.get(len) ?? 0) + 1);
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

export function rowsOf(run: ResolvedRun, tap: ByteTap): AsyncGenerator<RawRow> {
  return openRows(run.desc, run.stdin, tap);
}

export function countReasons(rejects: readonly Reject[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rejects) out[r.reason] = (out[r.reason] ?? 0) + 1;
  return out;
}

export type { EmbeddingParser };
