/**
 * Where a pass-1 worker thread's code comes from. Under tsx each worker had to register tsx again and load ~20
 * TypeScript modules through it: about 0.4 CPU-s per worker (measured; bench/README.md "sampler: byte-level
 * scanner"). Instead the worker's module graph is bundled once per process with esbuild (the transformer tsx
 * itself runs on) into one plain ES module, handed to the Worker as a data: URL: about 0.05 CPU-s per worker.
 * If bundling fails, workers boot through tsx as before (worker-boot.mjs).
 */
import { fileURLToPath } from 'node:url';

let cached: Promise<URL> | undefined;

export function workerUrl(): Promise<URL> {
  return (cached ??= bundle().catch(() => new URL('./worker-boot.mjs', import.meta.url)));
}

async function bundle(): Promise<URL> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./scan-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
