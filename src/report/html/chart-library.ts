import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VecstageError } from '../../errors.js';

let cached: string | undefined;

/**
 * The minified UMD build of Chart.js, read from node_modules to be inlined into report.html (no network at
 * view time). chart.js does not export its dist/ files, so resolve the package entry and look beside it.
 */
export function chartLibrary(): string {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  const code = readFileSync(file, 'utf8');
  // inlined into a <script> element, the code must not contain its end tag
  if (/<\/script/i.test(code)) throw new VecstageError('INTERNAL', `cannot inline ${file}: it contains "</script"`);
  cached = code;
  return code;
}

/** The version banner of the inlined build, for the report footer. */
export function chartLibraryVersion(): string {
  return /Chart\.js v([\w.-]+)/.exec(chartLibrary())?.[1] ?? 'unknown';
}
