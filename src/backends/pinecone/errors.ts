import { VecstageError, type ErrorCode } from '../../errors.js';
import type { CallRecord } from './call-tracker.js';

/**
 * Maps an SDK failure to a VecstageError with `details.status` and `details.retryable`, so the loader's retry
 * policy (backoff + jitter on 429, 5xx and connection errors) can decide without knowing the SDK.
 */
export function toVecstageError(err: unknown, rec: CallRecord, apiKeyEnv: string): VecstageError {
  if (err instanceof VecstageError) return err;
  const where = rec.index === undefined ? `pinecone ${rec.op}` : `pinecone ${rec.op} on index "${rec.index}"`;
  const base = { op: rec.op, ...(rec.index === undefined ? {} : { index: rec.index }) };
  if (rec.status !== undefined) {
    const status = rec.status;
    const retryable = status === 429 || status >= 500;
    const hint =
      status === 401 ? ` (the API key in $${apiKeyEnv} was rejected)` : status === 404 ? ' (not found)' : status === 429 ? ' (rate limited)' : '';
    return new VecstageError(codeFor(status), `${where} failed: HTTP ${status}${hint}: ${rec.message ?? ''}`.trimEnd(), {
      cause: err,
      details: { ...base, status, retryable, ...(rec.message ? { backendMessage: rec.message } : {}) },
    });
  }
  const name = err instanceof Error ? err.name : '';
  if (rec.connectionError !== undefined || name === 'PineconeConnectionError') {
    const cause = rec.connectionError ?? err;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return new VecstageError('BACKEND_UNAVAILABLE', `${where} failed: no response (${reason})`, {
      cause: err,
      details: { ...base, retryable: true },
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PineconeArgumentError') {
    return new VecstageError('INPUT', `${where}: ${message}`, { cause: err, details: { ...base, retryable: false } });
  }
  return new VecstageError('BACKEND_UNAVAILABLE', `${where} failed: ${name ? `${name}: ` : ''}${message}`, {
    cause: err,
    details: { ...base, retryable: false },
  });
}

function codeFor(status: number): ErrorCode {
  if (status === 429 || status >= 500 || status === 401) return 'BACKEND_UNAVAILABLE';
  if (status === 403) return 'REFUSED';
  return 'INPUT';
}
