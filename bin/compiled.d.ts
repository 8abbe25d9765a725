// Types for compiled.js (plain JS: bin/ runs before any TypeScript loader). Used by test/bin/.
export type EntryName = 'cli' | 'lib' | 'scanWorker';

export const ENTRIES: Record<EntryName, [source: string, output: string]>;
export const IN_USE: unique symbol;
export function cacheKey(options?: { root?: string; srcDir?: string }): string;
export function compiledEntries(options?: { cacheRoot?: string; log?: (msg: string) => void }): Promise<Record<EntryName, string> | undefined>;
export function loadEntry(name: EntryName): Promise<Record<string, unknown>>;
