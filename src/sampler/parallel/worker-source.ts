/**
 * Where a pass-1 worker thread's code comes from. Under tsx each worker had to register tsx again and load ~20
 * TypeScript modules through it: about 0.4 CPU-s per worker (measured; bench/README.md "sampler: byte-level
 * scanner"). So, in order:
 * 1. When the process runs from the compiled bundle (bin/compiled.js put the entries' URLs on globalThis), the
 *    bundle's scan-worker entry: a file already built, nothing to do per process.
 * 2. Otherwise (the sources run through tsx: tests, perf scripts, VECSTAGE_BUNDLE=0) the worker's module graph is
 *    bundled once per process with esbuild (the transformer tsx itself runs on) into one ES module, handed to the
 *    Worker as a data: URL: about 0.14 s wall per process, 0.05 CPU-s per worker. `import.meta` in it is bound to
 *    the original files (as in the compiled bundle), so a worker can still find the native addon.
 * 3. If bundling fails, workers boot through tsx as before (worker-boot.mjs).
 * The worker entry (scan-worker.ts) is opaque here: whatever it dispatches on, it is one entry point.
 */
import { fileURLToPath } from 'node:url';

const COMPILED = Symbol.for('vecstage.compiled-entries');

let cached: Promise<URL> | undefined;

export function workerUrl(): Promise<URL> {
  cached ??= (compiled() ?? bundle().catch(() => new URL('./worker-boot.mjs', import.meta.url))).then((url) => {
    // VECSTAGE_BUNDLE_DEBUG=1: bin/compiled.js's switch to say which way code was loaded
    if (process.env.VECSTAGE_BUNDLE_DEBUG === '1') process.stderr.write(`vecstage bundle: scan workers run ${url.protocol === 'data:' ? 'an in-memory bundle' : url.href}\n`);
    return url;
  });
  return cached;
}

function compiled(): Promise<URL> | undefined {
  const entries = (globalThis as { [COMPILED]?: { scanWorker?: unknown } })[COMPILED];
  return typeof entries?.scanWorker === 'string' ? Promise.resolve(new URL(entries.scanWorker)) : undefined;
}

async function bundle(): Promise<URL> {
  const [{ build }, { importMetaPlugin }] = await Promise.all([import('esbuild'), import('../../../bin/import-meta.js')]);
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./scan-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [importMetaPlugin(fileURLToPath(new URL('../..', import.meta.url)))],
  });
  const code = out.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
