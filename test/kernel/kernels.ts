/** Which kernels a test can run here: js always, native when the addon is built (otherwise the reason). */
import { kernelInfo } from '../../src/kernel/index.js';
import type { KernelName } from '../../src/kernel/index.js';
import { seededRandom } from '../../src/random.js';

export function availableKernels(label: string): KernelName[] {
  const info = kernelInfo();
  const native = info.isa !== undefined;
  if (!native) console.log(`  ${label}: native kernel skipped: not built (${info.error}); run node src/kernel/native/build.js`);
  return native ? ['native', 'js'] : ['js'];
}

/** mulberry32: seeded, so every run and machine sees the same data. */
export const mulberry32 = seededRandom;

export function randomMatrix(rows: number, dim: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: rows * dim }, () => rng() * 2 - 1);
}
