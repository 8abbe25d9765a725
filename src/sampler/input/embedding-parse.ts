/**
 * Parses an embedding cell (`[0.1, -2e-3, ...]`) into a reusable scratch buffer without allocating per value.
 * Hand-written because JSON.parse + Float32Array.from allocates an array of boxed numbers per row; this is the
 * hot loop of the sampler (measured in bench/perf and sampler/README.md). Values go through a double, then
 * float32 (the same rounding JSON.parse + Float32Array gives). NaN / Infinity tokens are accepted here so the
 * caller can reject them as non-finite rather than unparseable.
 */

import { nativeSampler, type NativeSampler } from '../../kernel/native-binding.js';

export type EmbeddingParse =
  | { ok: true; length: number; finite: boolean }
  | { ok: false; detail: string };

/**
 * An embedding cell still as bytes (the CSV scanner's): `bytes[start, end)` holds the cell's text, unquoted.
 * The validator parses it with parseBytes, so no JS string of the vector is made.
 */
export class EmbeddingCell {
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}

  toString(): string {
    return this.bytes.toString('utf8', this.start, this.end);
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

export class EmbeddingParser {
  /** values of the last successful parse, valid up to `length` */
  values: Float32Array = new Float32Array(1024);
  private readonly native: NativeSampler | undefined;

  /** `native`: the compiled fast path (src/kernel/native/sampler.cc, the same statements); false: JS only */
  constructor(native: NativeSampler | false | undefined = nativeSampler()) {
    this.native = native || undefined;
  }

  parse(s: string): EmbeddingParse {
    const n = s.length;
    let i = 0;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 91 /* [ */) return fail(s, 'expected a JSON array of numbers');
    i++;
    let count = 0;
    let finite = true;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return fail(s, 'unterminated array');
      if (s.charCodeAt(i) === 93 /* ] */ && count === 0) {
        i++;
        break;
      }
      // one number token
      const start = i;
      let c = s.charCodeAt(i);
      let neg = false;
      if (c === 45 /* - */ || c === 43 /* + */) {
        neg = c === 45;
        i++;
        c = s.charCodeAt(i);
      }
      let value: number;
      if (c >= 48 && c <= 57) {
        let mant = 0;
        let digits = 0;
        let scale = 0;
        let truncated = false;
        while (c >= 48 && c <= 57) {
          if (digits < 15) {
            mant = mant * 10 + (c - 48);
            if (mant !== 0) digits++;
          } else {
            scale++;
            truncated = true;
          }
          c = s.charCodeAt(++i);
        }
        if (c === 46 /* . */) {
          c = s.charCodeAt(++i);
          if (!(c >= 48 && c <= 57)) return fail(s, `bad number at character ${start + 1}`);
          while (c >= 48 && c <= 57) {
            if (digits < 15) {
              mant = mant * 10 + (c - 48);
              if (mant !== 0) digits++;
              scale--;
            } else truncated = true;
            c = s.charCodeAt(++i);
          }
        }
        let exp = 0;
        if (c === 101 || c === 69 /* e E */) {
          c = s.charCodeAt(++i);
          let eneg = false;
          if (c === 45 || c === 43) {
            eneg = c === 45;
            c = s.charCodeAt(++i);
          }
          if (!(c >= 48 && c <= 57)) return fail(s, `bad exponent at character ${start + 1}`);
          while (c >= 48 && c <= 57) {
            exp = exp * 10 + (c - 48);
            c = s.charCodeAt(++i);
          }
          if (eneg) exp = -exp;
        }
        const e = scale + exp;
        // exact fast path: an integer mantissa below 2^53 and a power of ten below 1e23 are both exact doubles,
        // so one multiplication or division is correctly rounded (Clinger's fast path)
        if (truncated) value = Number(s.slice(neg || s.charCodeAt(start) === 43 ? start + 1 : start, i));
        else if (e === 0) value = mant;
        else if (e > 0 && e <= 22) value = mant * (POW10[e] as number);
        else if (e < 0 && e >= -22) value = mant / (POW10[-e] as number);
        else value = Number(s.slice(neg || s.charCodeAt(start) === 43 ? start + 1 : start, i));
        if (neg) value = -value;
      } else if (s.startsWith('NaN', i)) {
        value = NaN;
        i += 3;
      } else if (s.startsWith('Infinity', i)) {
        value = neg ? -Infinity : Infinity;
        i += 8;
      } else if (s.startsWith('...', i) || s.startsWith('…', i)) {
        return fail(s, "numpy-style truncated repr ('...'): export the full array");
      } else if (c === 110 /* n */ && s.startsWith('null', i)) {
        return fail(s, 'null value in the array');
      } else {
        return fail(s, `not a number at character ${start + 1}`);
      }
      if (count === this.values.length) {
        const grown = new Float32Array(count * 2);
        grown.set(this.values);
        this.values = grown;
      }
      const f = Math.fround(value);
      if (f !== f || f === Infinity || f === -Infinity) finite = false;
      this.values[count++] = f;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      c = s.charCodeAt(i);
      if (c === 44 /* , */) {
        i++;
        continue;
      }
      if (c === 93 /* ] */) {
        i++;
        break;
      }
      if (c >= 48 && c <= 57 || c === 45) return fail(s, 'values separated by spaces (numpy repr?): expected commas');
      if (s.startsWith('...', i)) return fail(s, "numpy-style truncated repr ('...'): export the full array");
      return fail(s, `expected ',' or ']' at character ${i + 1}`);
    }
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i !== n) return fail(s, `unexpected text after the array at character ${i + 1}`);
    return { ok: true, length: count, finite };
  }

  /**
   * parse() over the UTF-8 bytes of a cell, without decoding them. It takes only the common path: ASCII numbers
   * whose digits form an integer below 2^53 and a power of ten within 1e22, where one multiplication or division
   * is correctly rounded (Clinger's fast path), so the double equals parse()'s (also correctly rounded) one. On
   * anything else it decodes the cell and calls parse(), so values, failures and their messages are parse()'s.
   * The digit loops do not check `end` (the byte after a cell is a quote, a delimiter or nothing); a token that
   * ran past it is caught after the fact and sent to parse().
   */
  parseBytes(b: Buffer, start: number, end: number): EmbeddingParse {
    if (this.native) {
      let n = this.native.parseEmbedding(b, start, end, this.values);
      while (n === -2) {
        this.values = new Float32Array(this.values.length * 2);
        n = this.native.parseEmbedding(b, start, end, this.values);
      }
      return n >= 0 ? { ok: true, length: n, finite: true } : this.slow(b, start, end);
    }
    return this.parseBytesJs(b, start, end);
  }

  /** parseBytes() in JS: the definition the native fast path follows. */
  parseBytesJs(b: Buffer, start: number, end: number): EmbeddingParse {
    let i = start;
    let c = b[i] as number;
    while (c <= 32 && isSpace(c) && i < end) c = b[++i] as number;
    if (i >= end || c !== 91 /* [ */) return this.slow(b, start, end);
    c = b[++i] as number;
    let values = this.values;
    let count = 0;
    for (;;) {
      if (c <= 32) {
        while (isSpace(c)) c = b[++i] as number;
      }
      let neg = false;
      if (c === 45 /* - */) {
        neg = true;
        c = b[++i] as number;
      } else if (c === 43 /* + */) c = b[++i] as number;
      else if (c === 93 /* ] */ && count === 0) {
        i++;
        break;
      }
      if (!(c >= 48 && c <= 57)) return this.slow(b, start, end);
      let mant = c - 48;
      c = b[++i] as number;
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        c = b[++i] as number;
      }
      let e = 0;
      if (c === 46 /* . */) {
        const frac = ++i;
        c = b[i] as number;
        if (!(c >= 48 && c <= 57)) return this.slow(b, start, end);
        do {
          mant = mant * 10 + (c - 48);
          c = b[++i] as number;
        } while (c >= 48 && c <= 57);
        e = frac - i;
      }
      if (c === 101 || c === 69 /* e E */) {
        c = b[++i] as number;
        let eneg = false;
        if (c === 45 || c === 43) {
          eneg = c === 45;
          c = b[++i] as number;
        }
        if (!(c >= 48 && c <= 57)) return this.slow(b, start, end);
        let exp = 0;
        while (c >= 48 && c <= 57 && exp < 1e6) {
          exp = exp * 10 + (c - 48);
          c = b[++i] as number;
        }
        e += eneg ? -exp : exp;
      }
      // past the cell, an inexact mantissa, or an exponent off the fast path: parse() decides. On the fast path
      // |value| < 2^53 * 1e22 < the float32 maximum, so the float is finite
      if (i > end || mant > 9007199254740991 || e > 22 || e < -22) return this.slow(b, start, end);
      let value = e === 0 ? mant : e > 0 ? mant * (POW10[e] as number) : mant / (POW10[-e] as number);
      if (neg) value = -value;
      if (count === values.length) {
        const grown = new Float32Array(count * 2);
        grown.set(values);
        this.values = values = grown;
      }
      values[count++] = value;
      if (c === 44 /* , */ && i < end) {
        c = b[++i] as number;
        continue;
      }
      if (c <= 32) {
        while (isSpace(c)) c = b[++i] as number;
      }
      if (i >= end) return this.slow(b, start, end);
      if (c === 44 /* , */) {
        c = b[++i] as number;
        continue;
      }
      if (c === 93 /* ] */) {
        i++;
        break;
      }
      return this.slow(b, start, end);
    }
    while (i < end && isSpace(b[i] as number)) i++;
    if (i !== end) return this.slow(b, start, end);
    return { ok: true, length: count, finite: true };
  }

  private slow(b: Buffer, start: number, end: number): EmbeddingParse {
    return this.parse(b.toString('utf8', start, end));
  }

  /** Loads an already-parsed array (JSONL, Arrow list) into the scratch buffer, with the same checks. */
  load(values: ArrayLike<unknown>): EmbeddingParse {
    const n = values.length;
    if (this.values.length < n) this.values = new Float32Array(Math.max(n, this.values.length * 2));
    let finite = true;
    if (values instanceof Float32Array) {
      // Arrow's float32 lists: a block copy, then the finiteness check
      this.values.set(values);
      return { ok: true, length: n, finite: allFinite(values) };
    }
    for (let k = 0; k < n; k++) {
      const v = values[k];
      if (typeof v !== 'number') {
        if (v === null) return { ok: false, detail: `null at index ${k}` };
        return { ok: false, detail: `not a number at index ${k}: ${JSON.stringify(v)?.slice(0, 40)}` };
      }
      const f = Math.fround(v);
      if (f !== f || f === Infinity || f === -Infinity) finite = false;
      this.values[k] = f;
    }
    return { ok: true, length: n, finite };
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function fail(s: string, why: string): EmbeddingParse {
  const shown = s.length > 40 ? `${s.slice(0, 37)}...` : s;
  return { ok: false, detail: `${why}: ${JSON.stringify(shown)}` };
}

/** No NaN and no infinity among the values (x - x is NaN exactly for those, and NaN spreads through the sum). */
export function allFinite(values: Float32Array): boolean {
  let acc = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    acc += v - v;
  }
  return acc === 0;
}
