/**
 * A start-rate limit: `await pace()` returns when the next call may start, so calls start at most `perSecond`
 * times a second, evenly spaced (a token bucket of depth one: a paused producer earns no burst afterwards, which
 * is what a provider's per-second quota expects).
 */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export function createPacer(perSecond: number, clock: PacerClock = REAL_CLOCK): () => Promise<void> {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError(`pacer: perSecond must be a positive finite number, got ${perSecond}`);
  const interval = 1000 / perSecond;
  let next = -Infinity;
  return async () => {
    const t = clock.now();
    const start = Math.max(t, next);
    next = start + interval;
    if (start > t) await clock.sleep(start - t);
  };
}
