import { AsyncLocalStorage } from 'node:async_hooks';
import { toVecstageError } from './errors.js';

/** Counters over every HTTP request the SDK makes through this backend. */
export interface PineconeStats {
  /** HTTP requests sent, retries included */
  requests: number;
  /** requests the SDK re-sent on its own (5xx with sdkMaxRetries > 0) */
  retries: number;
  /** adapter calls that ended in an error */
  errors: number;
  /** responses per HTTP status, plus "connection" for requests that got no response */
  byStatus: Record<string, number>;
}

/** What one adapter call saw on the wire; read when the SDK's error has lost the status. */
export interface CallRecord {
  op: string;
  index: string | undefined;
  status: number | undefined;
  message: string | undefined;
  connectionError: unknown;
}

/**
 * Wraps fetch to count requests and retries and to remember each call's last response. AsyncLocalStorage ties
 * a request to the adapter call that caused it, so concurrent calls do not mix their records.
 */
export class CallTracker {
  readonly stats: PineconeStats = { requests: 0, retries: 0, errors: 0, byStatus: {} };
  private readonly als = new AsyncLocalStorage<CallRecord>();
  private readonly sent = new WeakSet<object>();

  constructor(
    private readonly baseFetch: typeof fetch,
    private readonly timeoutMs: number,
    /** the API key's env var name, for messages (never the key) */
    private readonly apiKeyEnv: string,
  ) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const rec = this.als.getStore();
    this.stats.requests += 1;
    // The SDK's retry loop passes the same RequestInit object to every attempt of one request.
    if (init) {
      if (this.sent.has(init)) this.stats.retries += 1;
      else this.sent.add(init);
    }
    let res: Response;
    try {
      res = await this.baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      this.bump('connection');
      if (rec) Object.assign(rec, { status: undefined, message: undefined, connectionError: err });
      throw err;
    }
    this.bump(String(res.status));
    if (rec && !res.ok) {
      rec.status = res.status;
      rec.message = errorMessage(await res.clone().text());
    }
    return res;
  };

  /** Runs one adapter operation; any failure becomes a VecstageError carrying the HTTP status. */
  async run<T>(op: string, index: string | undefined, fn: () => Promise<T>): Promise<T> {
    const rec: CallRecord = { op, index, status: undefined, message: undefined, connectionError: undefined };
    try {
      return await this.als.run(rec, fn);
    } catch (err) {
      this.stats.errors += 1;
      throw toVecstageError(err, rec, this.apiKeyEnv);
    }
  }

  private bump(k: string): void {
    this.stats.byStatus[k] = (this.stats.byStatus[k] ?? 0) + 1;
  }
}

/** Pinecone error bodies: data plane `{code, message}`, control plane `{error: {code, message}, status}`. */
function errorMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { message?: unknown; error?: { message?: unknown; code?: unknown } };
    if (typeof j.message === 'string') return j.message;
    if (j.error && typeof j.error.message === 'string') {
      return typeof j.error.code === 'string' ? `${j.error.code}: ${j.error.message}` : j.error.message;
    }
  } catch {
    // not JSON: use the raw text
  }
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
