import { formatComponent } from './format-number.js';

/** below this magnitude a component prints as [-]0.ddddddd (see format-number.ts) */
const LIMIT = 0.99999995;

/**
 * A growable byte buffer the serialisers write into. Vectors are printed digit by digit straight into the bytes,
 * with no intermediate strings: a 100k x 768 export prints 77 million numbers, and per-number strings made the
 * garbage collector half of the generator's time (measured with --cpu-prof). Output is byte-identical to
 * format-number.ts (tested).
 */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** ASCII-only strings */
  ascii(s: string): void {
    this.ensure(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  utf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** `[c0,c1,...]` exactly as formatVector prints it */
  vector(v: ArrayLike<number>): void {
    this.ensure(v.length * 11 + 2);
    let b = this.buf;
    let p = this.pos;
    b[p++] = 0x5b;
    for (let d = 0; d < v.length; d++) {
      if (d > 0) b[p++] = 0x2c;
      const x = v[d] as number;
      if (x > -LIMIT && x < LIMIT) {
        let n = Math.round((x < 0 ? -x : x) * 1e7);
        if (x < 0) b[p++] = 0x2d;
        b[p] = 0x30;
        b[p + 1] = 0x2e;
        for (let k = 8; k >= 2; k--) {
          const q = (n / 10) | 0;
          b[p + k] = 0x30 + n - q * 10;
          n = q;
        }
        p += 9;
      } else {
        // rare (outliers, non-finite): a string, then room again for the rest at the fast path's 11 bytes each
        this.pos = p;
        this.ascii(formatComponent(x));
        this.ensure((v.length - d) * 11 + 2);
        b = this.buf;
        p = this.pos;
      }
    }
    b[p++] = 0x5d;
    this.pos = p;
  }

  toString(): string {
    return this.buf.toString('utf8', 0, this.pos);
  }
}
