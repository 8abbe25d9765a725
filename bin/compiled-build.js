// One esbuild build of the TypeScript entry points into `outdir`: ES modules for Node 20, code shared between
// entries split into chunks (the CLI's commands stay lazily loaded), the node_modules packages left external to
// resolve at run time except INLINED ones, `import.meta` bound to the original source files (import-meta.js).
// `.mjs` because the cache lives under node_modules/, where Node does not look for the package's "type": "module".
import { join } from 'node:path';
import { importMetaPlugin } from './import-meta.js';

/**
 * Packages bundled into the chunks rather than imported from node_modules: apache-arrow is ~160 ES modules, which
 * cost ~90 ms to load one by one (in the CLI and again in every worker thread) and ~20 ms as part of a chunk.
 * Their versions are part of the cache key (compiled.js).
 */
export const INLINED = ['apache-arrow'];

/** Leaves bare imports external (resolved by Node at run time) unless they name an INLINED package or come from one. */
function externalsExcept(inlined) {
  return {
    name: 'vecstage-externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { external: true };
        // an inlined package's own imports are bundled with it
        if (args.importer.includes('/node_modules/')) return undefined;
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return inlined.includes(name) ? undefined : { external: true };
      });
    },
  };
}

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
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // maps point at the original files; used with `node --enable-source-maps`
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [externalsExcept(INLINED), importMetaPlugin(join(root, 'src'))],
  });
}
