/**
 * A token bucket for `maxRps`: `rate` tokens a second, at most `burst` saved up; each call takes one. Waiters are
 * served in arrival order (one chain), so concurrent workers share the rate fairly. The clock and sleep are
 * injectable so tests run on virtual time.
 */
export interface TokenBucket {
  /** resolves when a call may start */
  take(): Promise<void>;
}

export interface TokenBucketOptions {
  /** @default 1: calls are paced evenly, never bunched */
  burst?: number;
  /** ms clock; @default performance.now */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createTokenBucket(rate: number, opts: TokenBucketOptions = {}): TokenBucket {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`token bucket rate must be a positive number, got ${rate}`);
  const burst = Math.max(1, opts.burst ?? 1);
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let tokens = burst;
  let at = now();
  let chain: Promise<void> = Promise.resolve();

  const refill = (): void => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * rate);
    at = t;
  };
  const takeOne = async (): Promise<void> => {
    refill();
    while (tokens < 1 - 1e-9) {
      await sleep(((1 - tokens) / rate) * 1000);
      refill();
    }
    tokens -= 1;
  };
  return {
    take() {
      const p = chain.then(takeOne);
      chain = p.catch(() => undefined);
      return p;
    },
  };
}
