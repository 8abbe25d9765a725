import { invalid } from '../../errors.js';

/** "30s", "500ms", "2m" or a bare number of seconds, to milliseconds. */
export function parseDuration(raw: string | number, name: string): number {
  if (typeof raw === 'number') {
    if (!(raw > 0) || !Number.isFinite(raw)) throw invalid(name, raw, 'a positive duration such as 30s, 500ms or 2m', undefined, 'USAGE');
    return raw * 1000;
  }
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m || !(Number(m[1]) > 0)) throw invalid(name, raw, 'a positive duration such as 30s, 500ms or 2m', undefined, 'USAGE');
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}
