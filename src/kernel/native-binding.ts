/** Loads the compiled addon (src/kernel/native/build, built by the `install` script) if it is there. */
import { createRequire } from 'node:module';

export interface NativeKernel {
  /** `base`: one slab of at least n x dim values, or chunks of whole rows holding at least n rows in order */
  topK(
    base: Float32Array | readonly Float32Array[], n: number, dim: number, queries: Float32Array, m: number, k: number, cand: number,
    metric: number, masks: (Uint8Array | undefined)[] | null, threads: number, outIdx: Int32Array, outDist: Float32Array,
  ): void;
  /**
   * A file's bytes through a private memory mapping (native/map-file.cc): no copy, released with the buffer;
   * writes stay in this process. Absent from an addon built before it existed.
   */
  mapFile?(path: string): ArrayBuffer;
  /** the SIMD path compiled in: avx512, avx2 or scalar */
  isa: string;
  cores: number;
}

/** The sampler's hot loops (native/sampler.cc); each mirrors a JS definition bit for bit. */
export interface NativeSampler {
  /** EmbeddingParser.parseBytes' fast path: the count, -1 (the JS slow path decides) or -2 (`out` too short) */
  parseEmbedding(bytes: Uint8Array, start: number, end: number, out: Float32Array): number;
  srpLayout(index: Int32Array, pos: Int32Array, neg: Int32Array, bit: Int32Array, dim: number): object;
  vectorStats(
    layout: object | null, values: Float32Array, offset: number, rows: number, dim: number,
    norm: Float64Array, flags: Uint8Array, vhHi: Uint32Array, vhLo: Uint32Array, sigs: Uint32Array,
  ): void;
  /** returns malloc's free memory to the OS (glibc malloc_trim; a no-op elsewhere) */
  trimMemory?(): void;
  /** findNearDuplicates over typed arrays (near-duplicate.ts nearDuplicateRows): 1 in `out` per tagged row */
  nearDuplicates(
    sigs: Uint32Array, count: number, zero: Uint8Array, vhHi: Uint32Array, vhLo: Uint32Array, keyHi: Uint32Array,
    keyLo: Uint32Array, maxH: number, maxBucket: number, out: Uint8Array,
  ): void;
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

let sampler: NativeSampler | null | undefined;

/**
 * The native sampler functions, or undefined: not built, built before they existed, or VECSTAGE_KERNEL=js
 * (the portable code then runs; the results are the same).
 */
export function nativeSampler(): NativeSampler | undefined {
  if (sampler === undefined) {
    const k = process.env.VECSTAGE_KERNEL === 'js' ? undefined : (loadNativeKernel().kernel as (NativeKernel & Partial<NativeSampler>) | undefined);
    sampler = k && typeof k.parseEmbedding === 'function' && typeof k.vectorStats === 'function' && typeof k.srpLayout === 'function' && typeof k.nearDuplicates === 'function' ? (k as NativeSampler) : null;
  }
  return sampler ?? undefined;
}

/**
 * Gives the memory that finished worker threads left in malloc's per-thread arenas back to the OS, so it no
 * longer counts in the process's resident size (the sampler's RSS bound). Without the native kernel: nothing.
 */
export function trimMemory(): void {
  nativeSampler()?.trimMemory?.();
}
