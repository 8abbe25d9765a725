import { getEventListeners } from 'node:events';
import type { Deadline, Deadlines } from './deadlines.js';
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
 * time; the open-loop runner passes the request's intended start instead. Never rejects. Runners pass a shared
 * `deadlines` queue (one timer for all requests of a pass); without it each call sets its own timer.
 */
export function runQuery(
  query: QueryFn,
  i: number,
  clock: Clock,
  timeoutMs: number,
  start?: number,
  deadlines?: Deadlines,
): Promise<Outcome> {
  const from = start ?? clock.now();
  const ac = acquireController();
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const onTimeout = (): void => {
      if (done) return;
      done = true;
      ac.abort(new QueryTimeoutError(timeoutMs));
      resolve({ kind: 'timeout', latencyMs: clock.now() - from, retries: 0 });
    };
    let timer: unknown;
    let deadline: Deadline | undefined;
    if (Number.isFinite(timeoutMs)) {
      if (deadlines) deadline = deadlines.add(onTimeout);
      else timer = clock.setTimeout(onTimeout, timeoutMs);
    }
    const finish = (): number => {
      const end = clock.now();
      done = true;
      if (deadline) deadlines?.settle(deadline);
      else if (timer !== undefined) clock.clearTimeout(timer);
      releaseController(ac);
      return end;
    };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(query(i, ac.signal));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => {
        if (done) return;
        resolve({ kind: 'ok', latencyMs: finish() - from, retries: retriesOf(value) });
      },
      (err: unknown) => {
        if (done) return;
        resolve({ kind: 'error', latencyMs: finish() - from, retries: retriesOf(err), message: messageOf(err) });
      },
    );
  });
}

/*
 * AbortControllers are reused. Creating one costs several microseconds in Node 20 (createAbortSignal changes
 * an EventTarget's prototype, which V8 handles slowly), more than the rest of the harness per request. A
 * controller whose request settled without aborting it is put in a FIFO and handed out again once it is no
 * longer among the most recent ones and no 'abort' listener is left on its signal (clients such as node:http
 * remove theirs when the request closes, a moment after the response ends). Aborted controllers are never
 * reused. Contract for query fns: the signal is meaningful only until the fn's promise settles.
 */
const free: AbortController[] = [];
const MIN_AGE = 4;
const MAX_FREE = 256;

function acquireController(): AbortController {
  if (free.length > MIN_AGE) {
    const ac = free.shift() as AbortController;
    if (getEventListeners(ac.signal, 'abort').length === 0) return ac;
  }
  return new AbortController();
}

function releaseController(ac: AbortController): void {
  if (!ac.signal.aborted && free.length < MAX_FREE) free.push(ac);
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
