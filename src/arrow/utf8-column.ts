/**
 * Utf8 and List<Utf8> columns built straight into offset and byte buffers, for the sample writer: the same
 * Arrow data apache-arrow's vectorFromArray builds (offsets, UTF-8 bytes, a validity bitmap only when a value
 * is null; lone surrogates become U+FFFD as with its TextEncoder), without its per-value builder calls.
 */
import { makeData, type Data, type List, type Utf8 } from 'apache-arrow';

export class Utf8Column {
  private bytes: Buffer;
  private offsets: Int32Array;
  private valid: Uint8Array;
  private used = 0;
  private count = 0;
  private nulls = 0;

  constructor(capacity: number, bytesPerValue = 64) {
    this.bytes = Buffer.allocUnsafe(Math.max(64, capacity * bytesPerValue));
    this.offsets = new Int32Array(capacity + 1);
    this.valid = new Uint8Array((capacity + 7) >> 3);
  }

  get length(): number {
    return this.count;
  }

  push(value: string | null): void {
    const i = this.count++;
    if (i + 1 >= this.offsets.length) this.growRows();
    if (value === null) {
      this.nulls++;
    } else {
      // a UTF-16 unit is at most 3 UTF-8 bytes
      if (this.used + value.length * 3 > this.bytes.length) this.growBytes(this.used + value.length * 3);
      this.used += this.bytes.write(value, this.used, 'utf8');
      this.valid[i >> 3]! |= 1 << (i & 7);
    }
    this.offsets[i + 1] = this.used;
  }

  data(type: Utf8): Data<Utf8> {
    const n = this.count;
    return makeData({
      type,
      length: n,
      nullCount: this.nulls,
      nullBitmap: this.nulls > 0 ? this.valid.subarray(0, (n + 7) >> 3) : null,
      valueOffsets: this.offsets.subarray(0, n + 1),
      data: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used),
    });
  }

  private growRows(): void {
    const offsets = new Int32Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const valid = new Uint8Array((offsets.length + 7) >> 3);
    valid.set(this.valid);
    this.valid = valid;
  }

  private growBytes(need: number): void {
    const bytes = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
    this.bytes.copy(bytes, 0, 0, this.used);
    this.bytes = bytes;
  }
}

/** A List<Utf8> column without null lists or null items (the sample's edge_tags). */
export class Utf8ListColumn {
  private readonly items: Utf8Column;
  private offsets: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Utf8Column(capacity, 16);
    this.offsets = new Int32Array(capacity + 1);
  }

  push(values: readonly string[]): void {
    const i = this.count++;
    if (i + 1 >= this.offsets.length) {
      const offsets = new Int32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    for (const v of values) this.items.push(v);
    this.offsets[i + 1] = this.items.length;
  }

  data(type: List<Utf8>): Data<List<Utf8>> {
    const n = this.count;
    return makeData({ type, length: n, nullCount: 0, valueOffsets: this.offsets.subarray(0, n + 1), child: this.items.data(type.children[0]!.type) });
  }
}
