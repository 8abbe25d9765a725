export type { Qrels, Run, RunEntry } from './types.js';
export { parseQrels } from './parse-qrels.js';
export { parseRun } from './parse-run.js';
export { readQrelsFile, readRunFile } from './read-files.js';
