// Types for import-meta.js (plain JS: bin/ runs before any TypeScript loader). Used by src/sampler/parallel/worker-source.ts.
import type { Plugin } from 'esbuild';

export function rewriteImportMeta(code: string, file: string): string;
export function importMetaPlugin(root: string): Plugin;
