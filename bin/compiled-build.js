// One esbuild build of the TypeScript entry points into `outdir`: ES modules for Node 20, code shared between
// entries split into chunks (the CLI's commands stay lazily loaded), every node_modules package left external to
// resolve at run time, `import.meta` bound to the original source files (import-meta.js). `.mjs` because the cache
// lives under node_modules/, where Node does not look for the package's "type": "module".
import { join } from 'node:path';
import { importMetaPlugin } from './import-meta.js';

/** Builds `entries` (output name -> path relative to `root`) into `outdir`; rejects on any build error. */
export async function buildBundle(root, entries, outdir) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(entries).map(([out, src]) => ({ in: join(root, src), out })),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // maps point at the original files; used with `node --enable-source-maps`
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [importMetaPlugin(join(root, 'src'))],
  });
}
