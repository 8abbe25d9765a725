import type { Clock, Outcome, QueryFn } from './types.js';

/** Why a request was aborted: passed as the AbortSignal's reason when the per-request timeout fires. */
export class QueryTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`query timed out after ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

/**
 * Runs one query and classifies how it ended: `ok` (resolved), `error` (threw or rejected) or `timeout` (did
 * not settle within `timeoutMs` of being sent; its signal is aborted, and a completion that arrives later is
 * ignored, so a late answer never counts as ok). Latency is measured from `start`, which defaults to the send
 * time; the open-loop runner passes the request's intended start instead. Never rejects.
 */
export function runQuery(query: QueryFn, i: number, clock: Clock, timeoutMs: number, start?: number): Promise<Outcome> {
  const sentAt = clock.now();
  const from = start ?? sentAt;
  const ac = new AbortController();
  return new Promise<Outcome>((resolve) => {
    let done = false;
    let timer: unknown;
    if (Number.isFinite(timeoutMs)) {
      timer = clock.setTimeout(() => {
        if (done) return;
        done = true;
        ac.abort(new QueryTimeoutError(timeoutMs));
        resolve({ kind: 'timeout', latencyMs: clock.now() - from, retries: 0 });
      }, timeoutMs);
    }
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(query(i, ac.signal));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => {
        if (done) return;
        done = true;
        if (timer !== undefined) clock.clearTimeout(timer);
        resolve({ kind: 'ok', latencyMs: clock.now() - from, retries: retriesOf(value) });
      },
      (err: unknown) => {
        if (done) return;
        done = true;
        if (timer !== undefined) clock.clearTimeout(timer);
        resolve({ kind: 'error', latencyMs: clock.now() - from, retries: retriesOf(err), message: messageOf(err) });
      },
    );
  });
}

/** The retry count a query fn reported: a finite, non-negative numeric `retries` field on its result or error. */
export function retriesOf(value: unknown): number {
  if (typeof value !== 'object' || value === null || !('retries' in value)) return 0;
  const r = (value as { retries: unknown }).retries;
  return typeof r === 'number' && Number.isFinite(r) && r > 0 ? Math.floor(r) : 0;
}

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.length > 200 ? `${m.slice(0, 197)}...` : m;
}
