export { runBench, standaloneVerdict, type BenchOptions } from './bench.js';
export { finishReport, gateOptionsFrom, type FinishOptions, type FinishResult } from './finish.js';
export { readSuite, type BenchSuite } from './suite.js';
export { runQualityPass, type QualityPassOptions, type QualityPassResult } from './quality-pass.js';
