/**
 * MD5 (RFC 1321) of a short string, first 8 bytes as two big-endian uint32: the selection key's hash (hash.ts).
 * In JS because node:crypto's createHash costs ~2.5 us per call on ids of a few dozen bytes (an object, a
 * buffer and a digest each time; measured) and pass 1 hashes every row; this is ~5x cheaper. It works on one
 * reused buffer; test/sampler/select/md5.test.ts checks it against node:crypto.
 */

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0);
const G = Int32Array.from({ length: 64 }, (_, i) => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16));

let buf = new Uint8Array(128);
let view = new DataView(buf.buffer);
const words = new Int32Array(16);
const encoder = new TextEncoder();

/** The first 8 bytes of md5(utf8(text)), as big-endian uint32 halves. */
export function md5Head(text: string): { hi: number; lo: number } {
  const len = utf8Into(text);
  // padding: 0x80, zeros, the bit length as a little-endian uint64
  const total = ((len + 8) >>> 6) * 64 + 64;
  buf.fill(0, len, total);
  buf[len] = 0x80;
  view.setUint32(total - 8, (len << 3) >>> 0, true);
  view.setUint32(total - 4, Math.floor(len / 0x20000000), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) words[i] = view.getInt32(off + i * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      if (i < 16) f = (b & c) | (~b & d);
      else if (i < 32) f = (d & b) | (~d & c);
      else if (i < 48) f = b ^ c ^ d;
      else f = c ^ (b | ~d);
      f = (f + a + (K[i] as number) + (words[G[i] as number] as number)) | 0;
      a = d;
      d = c;
      c = b;
      const s = S[i] as number;
      b = (b + ((f << s) | (f >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  // the digest is a0..d0 little-endian; its first 8 bytes read big-endian
  return { hi: bswap(a0), lo: bswap(b0) };
}

function bswap(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | ((x >>> 24) & 0xff)) >>> 0;
}

/** UTF-8 of `text` into buf (grown as needed, with room for the padding); returns the byte length. */
function utf8Into(text: string): number {
  const n = text.length;
  if (buf.length < n * 3 + 72) {
    buf = new Uint8Array(Math.max(buf.length * 2, n * 3 + 72));
    view = new DataView(buf.buffer);
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encoder.encodeInto(text, buf).written;
    buf[i] = c;
  }
  return n;
}
