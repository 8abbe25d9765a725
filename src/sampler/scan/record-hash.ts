/**
 * A 64-bit hash of a row's text and metadata, which decides between the occurrences of a repeated id (with the
 * vector hash in front, see repeated-ids.ts): the one with the smallest hash is kept, so the choice depends on
 * the records, not on their order. Metadata entries are combined by addition, so the key order (CSV columns, a
 * JSONL object's keys) does not matter. Two 32-bit multiply-xorshift streams (cyrb53's mixing, both halves kept);
 * not cryptographic: it only has to tell apart the few records that share an id.
 */
import type { MetadataValue } from '../types.js';

export interface RecordHash {
  hi: number;
  lo: number;
}

export function recordHash(text: string | null, metadata: Readonly<Record<string, MetadataValue>> | null): RecordHash {
  let hi = 0;
  let lo = 0;
  if (metadata) {
    for (const k in metadata) {
      const v = metadata[k] as MetadataValue;
      const h = mix(`${k}\u0000${typeof v}\u0000${v}`, 0x9e3779b9);
      hi = (hi + h.hi) >>> 0;
      lo = (lo + h.lo) >>> 0;
    }
  }
  const t = text === null ? { hi: 0x6a09e667, lo: 0xbb67ae85 } : mix(text, 0);
  return mix2(t.hi ^ hi, t.lo ^ lo);
}

function mix(s: string, seed: number): RecordHash {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return { hi: h1 >>> 0, lo: (h2 ^ s.length) >>> 0 };
}

function mix2(a: number, b: number): RecordHash {
  let h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  let h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0xc2b2ae35);
  return { hi: h1 >>> 0, lo: h2 >>> 0 };
}
