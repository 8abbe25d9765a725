export * from './types.js';
export { parseGolden, parseGoldenObjects, throwIssues } from './parse.js';
export type { ParseIssue, ParseGoldenOptions, ParseGoldenResult } from './parse.js';
export { readGolden, formatGoldenLine } from './read.js';
export type { ReadGoldenOptions } from './read.js';
