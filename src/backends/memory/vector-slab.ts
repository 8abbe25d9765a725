/**
 * Fixed-width float32 rows in one growable Float32Array, so the exact-search kernel reads the whole index as a
 * single n x dim matrix without copying. Capacity doubles when full (amortised O(1) append).
 */
export class VectorSlab {
  private data: Float32Array;
  private rows = 0;

  constructor(readonly dim: number, initialRows = 64) {
    this.data = new Float32Array(Math.max(1, initialRows) * dim);
  }

  get size(): number {
    return this.rows;
  }

  /** the first size x dim values: a view, valid until the next append */
  get matrix(): Float32Array {
    return this.data.subarray(0, this.rows * this.dim);
  }

  append(values: ArrayLike<number>): number {
    if ((this.rows + 1) * this.dim > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.rows * this.dim);
    return this.rows++;
  }

  overwrite(row: number, values: ArrayLike<number>): void {
    this.data.set(values, row * this.dim);
  }

  /** a copy of one row */
  read(row: number): Float32Array {
    return this.data.slice(row * this.dim, (row + 1) * this.dim);
  }
}
