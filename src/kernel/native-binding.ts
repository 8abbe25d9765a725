/** Loads the compiled addon (src/kernel/native/build, built by the `install` script) if it is there. */
import { createRequire } from 'node:module';

export interface NativeKernel {
  topK(
    base: Float32Array, n: number, dim: number, queries: Float32Array, m: number, k: number, cand: number,
    metric: number, masks: (Uint8Array | undefined)[] | null, threads: number, outIdx: Int32Array, outDist: Float32Array,
  ): void;
  /** the SIMD path compiled in: avx512, avx2 or scalar */
  isa: string;
  cores: number;
}

let loaded: { kernel: NativeKernel | undefined; error: string | undefined } | undefined;

export function loadNativeKernel(): { kernel: NativeKernel | undefined; error: string | undefined } {
  if (!loaded) {
    try {
      const require = createRequire(import.meta.url);
      loaded = { kernel: require('./native/build/Release/vecstage_kernel.node') as NativeKernel, error: undefined };
    } catch (err) {
      loaded = { kernel: undefined, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
    }
  }
  return loaded;
}
