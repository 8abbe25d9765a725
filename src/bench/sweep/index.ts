export { runBenchSweep, checkSweepable, type BenchSweepOptions } from './run-sweep.js';
export { parseSettingSweep, type SettingSweep } from './parse-sweep.js';
export { parsePick, choosePoint, type PickExpression, type PickCondition } from './parse-pick.js';
export { markPareto, pointOf } from './point.js';
export { paretoFlags, type Objective } from './pareto.js';
export { frontierOf, qpsAtRecall, type FrontierXY } from './interpolate.js';
