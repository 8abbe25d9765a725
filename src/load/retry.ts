/**
 * Retries with exponential backoff and full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * sleep = random(0, min(cap, base * 2^attempt)). A shared budget bounds the retries of a whole load, so a
 * backend that is down fails the load in bounded time instead of retrying forever. Every retry is counted.
 */
import { VecstageError, isVecstageError } from '../errors.js';

export interface RetryPolicy {
  /** attempts per operation, the first included */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 7, baseMs: 100, capMs: 4000 };

export interface RetryBudget {
  /** retries left for the whole run */
  remaining: number;
  used: number;
  byReason: Record<string, number>;
}

export function createBudget(total: number): RetryBudget {
  return { remaining: total, used: 0, byReason: {} };
}

export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Why an error is worth retrying, or undefined when it is not (bad input is never retried). */
export function retryReason(err: unknown): string | undefined {
  if (isVecstageError(err)) {
    // the adapter knows best: an error it marks as not retryable (a dead embedded server, a bad key) is final
    if (err.details?.retryable === false) return undefined;
    const status = err.details?.status;
    if (typeof status === 'number' && (status === 429 || status >= 500)) return `http ${status}`;
    if (err.details?.retryable === true) return typeof status === 'number' ? `http ${status}` : 'retryable';
    if (err.code === 'BACKEND_UNAVAILABLE') return 'unavailable';
    return undefined;
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET'].includes(code)) return code;
  return undefined;
}

export async function withRetry<T>(op: () => Promise<T>, policy: RetryPolicy, budget: RetryBudget, deps: RetryDeps = {}): Promise<T> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const reason = retryReason(err);
      if (reason === undefined) throw err;
      if (attempt + 1 >= policy.maxAttempts || budget.remaining <= 0) {
        const why = budget.remaining <= 0 ? `the retry budget is spent (${budget.used} retries)` : `${policy.maxAttempts} attempts failed`;
        const msg = err instanceof Error ? err.message : String(err);
        throw new VecstageError(isVecstageError(err) && err.code !== 'INTERNAL' ? err.code : 'BACKEND_UNAVAILABLE', `${msg} (${why})`, {
          cause: err,
          details: { ...(isVecstageError(err) ? err.details : {}), retries: budget.used },
        });
      }
      budget.remaining--;
      budget.used++;
      budget.byReason[reason] = (budget.byReason[reason] ?? 0) + 1;
      await sleep(random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt));
    }
  }
}
