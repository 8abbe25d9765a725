import type { ResolvedRunnerOptions } from './options.js';
import { Deadlines } from './deadlines.js';
import { runQuery } from './outcome.js';
import type { QueryFn, WarmupResult } from './types.js';

/**
 * Serial warm-up: requests until the request count or the duration is reached, whichever comes first. Its
 * outcomes are counted and reported, never mixed into the measured results.
 */
export async function runWarmup(query: QueryFn, o: ResolvedRunnerOptions): Promise<WarmupResult> {
  const { clock, warmup } = o;
  const result: WarmupResult = { requests: 0, ok: 0, errors: 0, timeouts: 0, durationMs: 0 };
  const deadlines = new Deadlines(clock, o.timeoutMs);
  const t0 = clock.now();
  try {
    while (result.requests < warmup.requests && clock.now() - t0 < warmup.durationMs) {
      const out = await runQuery(query, result.requests % o.queryCount, clock, o.timeoutMs, undefined, deadlines);
      result.requests++;
      if (out.kind === 'ok') result.ok++;
      else if (out.kind === 'error') result.errors++;
      else result.timeouts++;
    }
  } finally {
    deadlines.close();
  }
  result.durationMs = clock.now() - t0;
  return result;
}
