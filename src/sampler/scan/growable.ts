/** Growable typed arrays: pass 1 keeps a few numbers per row, never objects. */
type TypedCtor<T> = { new (n: number): T };

export class Growable<T extends Uint32Array | Float32Array | Float64Array | Uint8Array> {
  data: T;
  length = 0;
  constructor(
    private readonly ctor: TypedCtor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = v;
  }
  /** room for `n` more values, returned as the offset to write at */
  reserve(n: number): number {
    if (this.length + n > this.data.length) this.grow(Math.max(this.data.length * 2, this.length + n));
    const at = this.length;
    this.length += n;
    return at;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  /** overwrites a value already pushed (i < length) */
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  private grow(n: number): void {
    const next = new this.ctor(n);
    next.set(this.data as never);
    this.data = next;
  }
}
