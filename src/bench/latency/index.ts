export type * from './types.js';
export { quantile, sortSamples } from './quantile.js';
export { summarize, PERCENTILES } from './summary.js';
export { logHistogram, type HistogramOptions } from './histogram.js';
export { cdfPoints } from './cdf.js';
export {
  bootstrapQuantiles,
  bootstrapQuantileDiff,
  bootstrapDistributions,
  percentileInterval,
  type BootstrapOptions,
  type QuantileDiffResult,
} from './bootstrap.js';
export { seededRng } from './rng.js';
export { realClock, sleep } from './clock.js';
export { VirtualClock } from './virtual-clock.js';
export { runQuery, retriesOf, QueryTimeoutError } from './outcome.js';
export { Tally } from './tally.js';
export { describe, describeLatency } from './measured-set.js';
export type { RunnerOptions, WarmupOptions } from './options.js';
export { runWarmup } from './warmup.js';
export { runSerial, type SerialOptions } from './serial.js';
export { runSweep, runLevel, type SweepOptions } from './closed-loop.js';
export { arrivalOffsets, type ArrivalKind } from './arrivals.js';
export { runOpenLoop, type OpenLoopOptions } from './open-loop.js';
