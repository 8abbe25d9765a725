/** Versioned index names: `<base>-v<N>` (DESIGN §1). */
import { invalid } from '../errors.js';

export function parseVersion(base: string, name: string): number | undefined {
  if (!name.startsWith(`${base}-v`)) return undefined;
  const rest = name.slice(base.length + 2);
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
}

/** The next free version after the highest existing one (gaps are never reused). */
export function nextVersionName(base: string, existing: readonly string[]): string {
  let max = 0;
  for (const name of existing) max = Math.max(max, parseVersion(base, name) ?? 0);
  return `${base}-v${max + 1}`;
}

export function checkVersionName(base: string, name: string): string {
  if (parseVersion(base, name) === undefined) throw invalid('--index', name, `${base}-v<N> with N >= 1 (the env's base index name is "${base}")`, undefined, 'USAGE');
  return name;
}
