/**
 * Failures of an embeddings request as VecstageErrors the stage can act on: `details.status`, `details.retryable`,
 * `details.reason` (how the retry is counted), `details.retryAfterMs` and `details.param` (the request field the
 * provider blames). 429, 408 and 5xx are retryable, as are connection errors and timeouts; 400/404/413/422 are
 * bad input (code INPUT), 401 a rejected key, 403 refused.
 * Messages carry the status and the provider's `error.message`, never the key: the key is scrubbed from anything
 * the provider echoes, and so are masked keys (OpenAI's 401 quotes "sk-ab***yz").
 */
import { VecstageError, type ErrorCode } from '../../errors.js';
import { retryAfterMs } from './retry-after.js';

export interface RequestContext {
  /** `embedder "<model>" at <origin><path>`, for messages */
  where: string;
  apiKeyEnv: string | undefined;
  /** the key itself, only to scrub it out of provider messages */
  secret: string | undefined;
}

const MASKED_KEY = /\b(?:sk|pk)-[A-Za-z0-9_*-]{4,}|\S*\*{3,}\S*/g;

export function scrub(text: string, secret: string | undefined): string {
  let s = secret && secret.length >= 4 ? text.split(secret).join('***') : text;
  s = s.replace(MASKED_KEY, '***');
  return s.length > 500 ? `${s.slice(0, 497)}...` : s;
}

/**
 * The provider's own words from an error body: OpenAI `{error:{message, param}}`, Ollama/TEI `{error: "..."}`,
 * else the text. `param` is the request field OpenAI blames ("input", "model", "dimensions"), when it says.
 */
export function providerError(bodyText: string): { message: string; param?: string } {
  try {
    const b = JSON.parse(bodyText) as { error?: unknown; message?: unknown; detail?: unknown };
    if (b && typeof b === 'object') {
      if (typeof b.error === 'string') return { message: b.error };
      const e = b.error as { message?: unknown; param?: unknown } | undefined;
      if (typeof e?.message === 'string') return { message: e.message, ...(typeof e.param === 'string' ? { param: e.param } : {}) };
      if (typeof b.message === 'string') return { message: b.message };
      if (typeof b.detail === 'string') return { message: b.detail };
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: bodyText.trim() };
}

export function httpError(status: number, bodyText: string, headers: Headers, ctx: RequestContext, nowMs: number): VecstageError {
  const said = providerError(bodyText);
  const message = scrub(said.message, ctx.secret);
  const retryable = status === 429 || status === 408 || status >= 500;
  const hint =
    status === 401 ? ` (the API key${ctx.apiKeyEnv ? ` in $${ctx.apiKeyEnv}` : ''} was rejected${ctx.apiKeyEnv ? '' : '; set apiKeyEnv to the name of the variable that holds it'})`
    : status === 404 ? ' (check the url and the model name)'
    : status === 429 ? ' (rate limited)'
    : '';
  const wait = retryable ? retryAfterMs(headers.get('retry-after'), headers.get('retry-after-ms'), nowMs) : undefined;
  return new VecstageError(codeFor(status), `${ctx.where} failed: HTTP ${status}${hint}${message ? `: ${message}` : ''}`, {
    details: {
      status,
      retryable,
      reason: `http ${status}`,
      ...(message ? { providerMessage: message } : {}),
      ...(said.param === undefined ? {} : { param: said.param }),
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    },
  });
}

/** fetch's own failures: a timeout, the caller's abort, or a connection error (undici puts the errno in `cause`). */
export function fetchError(err: unknown, ctx: RequestContext, timeoutMs: number): VecstageError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') {
    return new VecstageError('BACKEND_UNAVAILABLE', `${ctx.where} failed: no response within ${timeoutMs} ms (timeoutMs)`, {
      cause: err,
      details: { retryable: true, reason: 'timeout' },
    });
  }
  if (name === 'AbortError') return new VecstageError('INTERNAL', `${ctx.where}: aborted`, { cause: err, details: { retryable: false } });
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (err as NodeJS.ErrnoException | undefined)?.code;
  const text = scrub(cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err), ctx.secret);
  return new VecstageError('BACKEND_UNAVAILABLE', `${ctx.where} failed: connection error (${code ?? 'no code'}: ${text})`, {
    cause: err,
    details: { retryable: true, reason: `connection ${code ?? 'error'}` },
  });
}

function codeFor(status: number): ErrorCode {
  if (status === 429 || status === 408 || status >= 500 || status === 401) return 'BACKEND_UNAVAILABLE';
  if (status === 403) return 'REFUSED';
  return 'INPUT';
}
