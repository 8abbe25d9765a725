/** Which kernels a test can run here: js always, native when the addon is built (otherwise the reason). */
import { kernelInfo } from '../../src/kernel/index.js';
import type { KernelName } from '../../src/kernel/index.js';

export function availableKernels(label: string): KernelName[] {
  const info = kernelInfo();
  const native = info.isa !== undefined;
  if (!native) console.log(`  ${label}: native kernel skipped: not built (${info.error}); run node src/kernel/native/build.js`);
  return native ? ['native', 'js'] : ['js'];
}

/** mulberry32: seeded, so every run and machine sees the same data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomMatrix(rows: number, dim: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: rows * dim }, () => rng() * 2 - 1);
}
