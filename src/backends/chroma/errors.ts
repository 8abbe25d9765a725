import { VecstageError, isVecstageError } from '../../errors.js';

export interface ErrorContext {
  /** the server URL (never a token) */
  url: string;
  /** what vecstage was doing, e.g. `upserting into "docs-v3"` */
  what: string;
  /** the embedded server's own diagnosis (it exited; log tail), when there is one */
  serverFailure?: string | undefined;
}

const CONNECTION = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|socket hang up|fetch failed|Failed to connect|other side closed|UND_ERR/i;

/**
 * chromadb's errors -> VecstageError. Matched by `name` and message so this module does not import the client.
 * Connection failures become BACKEND_UNAVAILABLE naming the URL; bad requests become INPUT with Chroma's reason.
 */
export function mapChromaError(err: unknown, ctx: ErrorContext): VecstageError {
  if (isVecstageError(err)) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const text = `${e.name}: ${e.message} ${causeText(e)}`;
  if (ctx.serverFailure) {
    // the embedded server exited: retrying against it cannot succeed (a new run starts a new server)
    return new VecstageError('BACKEND_UNAVAILABLE', `chroma at ${ctx.url} failed while ${ctx.what}: ${ctx.serverFailure}`, {
      cause: err,
      details: { url: ctx.url, retryable: false },
    });
  }
  if (e.name === 'ChromaConnectionError' || CONNECTION.test(text)) {
    return new VecstageError(
      'BACKEND_UNAVAILABLE',
      `chroma at ${ctx.url} is unreachable while ${ctx.what} (${firstCause(e)}); is the server running? (url "embedded" starts one)`,
      { cause: err, details: { url: ctx.url } },
    );
  }
  if (['ChromaAuthError', 'ChromaUnauthorizedError', 'ChromaForbiddenError'].includes(e.name)) {
    return new VecstageError('BACKEND_UNAVAILABLE', `chroma at ${ctx.url} refused the credentials while ${ctx.what} (${e.message}); check the token in the env var named by tokenEnv`, {
      cause: err,
      details: { url: ctx.url },
    });
  }
  if (['ChromaClientError', 'ChromaValueError', 'InvalidArgumentError', 'InvalidCollectionError'].includes(e.name)) {
    return new VecstageError('INPUT', `chroma at ${ctx.url} rejected the request while ${ctx.what}: ${reason(e.message)}`, { cause: err });
  }
  if (e.name === 'ChromaServerError' || e.name === 'ChromaError' || e.name === 'ChromaRateLimitError' || e.name === 'ChromaQuotaExceededError') {
    return new VecstageError('BACKEND_UNAVAILABLE', `chroma at ${ctx.url} failed while ${ctx.what}: ${e.message}`, { cause: err, details: { url: ctx.url } });
  }
  return new VecstageError('INTERNAL', `chroma at ${ctx.url}: unexpected error while ${ctx.what}: ${e.name}: ${e.message}`, { cause: err });
}

/** "Bad request to http://.../collections/<uuid>/upsert with status: <reason>" -> "<reason>" */
function reason(message: string): string {
  const m = /with status: (.*)$/s.exec(message);
  return (m?.[1] ?? message).trim();
}

function causeText(e: Error): string {
  const parts: string[] = [];
  let c: unknown = e.cause;
  for (let i = 0; i < 4 && c; i++) {
    const ce = c as { code?: unknown; message?: unknown; cause?: unknown };
    parts.push(String(ce.code ?? ''), String(ce.message ?? ''));
    c = ce.cause;
  }
  return parts.join(' ');
}

function firstCause(e: Error): string {
  let c: unknown = e.cause;
  for (let i = 0; i < 4 && c; i++) {
    const ce = c as { code?: unknown; cause?: unknown };
    if (typeof ce.code === 'string') return ce.code;
    c = ce.cause;
  }
  return e.name === 'ChromaConnectionError' ? 'connection failed' : e.message;
}
