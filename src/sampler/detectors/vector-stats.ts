/**
 * Pass 1's per-vector numbers for a run of vectors stored back to back (one CSV row, or a whole Arrow record
 * batch column): L2 norm, all-zero and non-finite flags, the 64-bit vector hash and the SRP signature. The native
 * kernel (src/kernel/native/sampler.cc) computes them when it is built, else the JS definitions below
 * (detectors/vector.ts, near-duplicate.ts); both give the same bits (test/kernel/sampler-native.test.ts).
 */
import { nativeSampler, type NativeSampler } from '../../kernel/native-binding.js';
import { SIGNATURE_WORDS, makeProjector, signature, type SrpProjector } from './near-duplicate.js';
import { isZeroVector, l2Norm, vectorHash } from './vector.js';

export const ZERO = 1;
export const NON_FINITE = 2;

export class VectorStats {
  norm: Float64Array;
  /** ZERO | NON_FINITE */
  flags: Uint8Array;
  vhHi: Uint32Array;
  vhLo: Uint32Array;
  /** SIGNATURE_WORDS per vector; all 0 for a zero vector or without near-duplicate detection */
  sigs: Uint32Array;
  private readonly projector: SrpProjector | undefined;
  private readonly native: NativeSampler | undefined;
  private readonly layout: object | null;

  constructor(
    readonly dim: number,
    nearDuplicate: boolean,
    capacity = 1,
    /** the native kernel; false: the JS definitions (tests compare the two) */
    native: NativeSampler | false | undefined = nativeSampler(),
  ) {
    this.projector = nearDuplicate ? makeProjector(dim) : undefined;
    this.native = native || undefined;
    const l = this.projector?.layout;
    this.layout = this.native && l ? this.native.srpLayout(l.index, l.pos, l.neg, l.bit, dim) : null;
    this.norm = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.vhHi = new Uint32Array(capacity);
    this.vhLo = new Uint32Array(capacity);
    this.sigs = new Uint32Array(capacity * SIGNATURE_WORDS);
  }

  get isNative(): boolean {
    return this.native !== undefined;
  }

  /** Computes `rows` vectors of `values` from `offset` into the arrays (from index 0). */
  compute(values: Float32Array, offset: number, rows: number): void {
    if (rows > this.norm.length) this.grow(rows);
    if (this.native) {
      this.native.vectorStats(this.layout, values, offset, rows, this.dim, this.norm, this.flags, this.vhHi, this.vhLo, this.sigs);
      return;
    }
    const dim = this.dim;
    for (let r = 0; r < rows; r++) {
      const v = offset === 0 && r === 0 ? values : values.subarray(offset + r * dim, offset + (r + 1) * dim);
      const zero = isZeroVector(v, dim);
      let acc = 0;
      for (let i = 0; i < dim; i++) {
        const x = v[i] as number;
        acc += x - x;
      }
      this.flags[r] = (zero ? ZERO : 0) | (acc === 0 ? 0 : NON_FINITE);
      // NaN payloads differ between V8 and C++ additions: a NaN norm is stored as the one canonical NaN
      const norm = l2Norm(v, dim);
      this.norm[r] = norm === norm ? norm : NaN;
      const vh = vectorHash(v, dim);
      this.vhHi[r] = vh.hi;
      this.vhLo[r] = vh.lo;
      if (this.projector && !zero) signature(this.projector, v, this.sigs, r * SIGNATURE_WORDS);
      else this.sigs.fill(0, r * SIGNATURE_WORDS, (r + 1) * SIGNATURE_WORDS);
    }
  }

  private grow(rows: number): void {
    this.norm = new Float64Array(rows);
    this.flags = new Uint8Array(rows);
    this.vhHi = new Uint32Array(rows);
    this.vhLo = new Uint32Array(rows);
    this.sigs = new Uint32Array(rows * SIGNATURE_WORDS);
  }
}
