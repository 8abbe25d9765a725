/**
 * How long a server asked us to wait. `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3);
 * OpenAI also sends `retry-after-ms`, which is preferred when present. Undefined when absent or unreadable, so the
 * caller falls back to its own backoff.
 */
export function retryAfterMs(retryAfter: string | null, retryAfterMsHeader: string | null, nowMs: number): number | undefined {
  if (retryAfterMsHeader !== null && /^\s*\d+(\.\d+)?\s*$/.test(retryAfterMsHeader)) return Number(retryAfterMsHeader);
  if (retryAfter === null) return undefined;
  const v = retryAfter.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
