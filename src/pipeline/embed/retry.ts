/**
 * The embedding stage's retries: the loader's policy (src/load/retry.ts: exponential backoff with full jitter,
 * one budget for the whole run, every retry counted by reason), plus what providers of embeddings ask for: a
 * `Retry-After` (or `retry-after-ms`) on a 429/503 is honoured, capped, instead of the jittered backoff.
 */
import { VecstageError, isVecstageError } from '../../errors.js';
import { retryReason, type RetryBudget, type RetryPolicy } from '../../load/retry.js';

export interface EmbedRetryPolicy extends RetryPolicy {
  /** the longest Retry-After honoured; a longer one is waited this long; @default 60000 */
  retryAfterCapMs: number;
}

export interface EmbedRetryDeps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** told of every retry, after it is counted in the budget */
  onRetry?: (reason: string) => void;
}

/** The reason a retry is counted under ("http 429", "timeout", "connection ECONNRESET"), or undefined: final. */
export function embedRetryReason(err: unknown): string | undefined {
  if (isVecstageError(err) && err.details?.retryable === true && typeof err.details.reason === 'string') return err.details.reason;
  return retryReason(err);
}

export async function withEmbedRetry<T>(op: () => Promise<T>, policy: EmbedRetryPolicy, budget: RetryBudget, deps: EmbedRetryDeps): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const reason = embedRetryReason(err);
      if (reason === undefined) throw err;
      if (attempt + 1 >= policy.maxAttempts || budget.remaining <= 0) {
        const why = budget.remaining <= 0 ? `gave up: the retry budget is spent (${budget.used} retries in this run)` : `gave up after ${policy.maxAttempts} attempts`;
        const msg = err instanceof Error ? err.message : String(err);
        throw new VecstageError(isVecstageError(err) && err.code !== 'INTERNAL' ? err.code : 'BACKEND_UNAVAILABLE', `${msg} (${why})`, {
          cause: err,
          details: { ...(isVecstageError(err) ? err.details : {}), retries: budget.used, retryable: false },
        });
      }
      budget.remaining--;
      budget.used++;
      budget.byReason[reason] = (budget.byReason[reason] ?? 0) + 1;
      deps.onRetry?.(reason);
      const asked = isVecstageError(err) ? err.details?.retryAfterMs : undefined;
      const wait = typeof asked === 'number' ? Math.min(asked, policy.retryAfterCapMs) : deps.random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
      await deps.sleep(wait);
    }
  }
}
