import { invalid } from '../../errors.js';
import type { Rng } from './types.js';

export type ArrivalKind = 'constant' | 'poisson';

/**
 * Intended start offsets (ms from the pass start) of an open-loop schedule at `rate` requests per second:
 * constant spacing i * 1000 / rate, or a Poisson process (exponential gaps with mean 1000 / rate, inverse-CDF
 * sampling from the seeded RNG; the first request starts at 0). The schedule holds `requests` offsets, or every
 * offset below `durationMs`, whichever is fewer.
 */
export function arrivalOffsets(kind: ArrivalKind, rate: number, limit: { requests: number; durationMs: number }, rng: Rng): number[] {
  if (!(rate > 0 && Number.isFinite(rate))) throw invalid('rate', rate, 'a finite number of requests per second > 0', 'open-loop schedule');
  if (!Number.isFinite(limit.requests) && !Number.isFinite(limit.durationMs)) {
    throw invalid('length', limit, 'a request count or a duration', 'open-loop schedule');
  }
  const gap = 1000 / rate;
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < limit.requests; i++) {
    if (kind === 'constant') t = i * gap;
    else if (i > 0) t += -Math.log(1 - rng()) * gap;
    if (t >= limit.durationMs) break;
    out.push(t);
  }
  return out;
}
