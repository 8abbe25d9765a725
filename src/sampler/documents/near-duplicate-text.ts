/**
 * Near-duplicate texts among all rows, from their MinHash signatures (minhash.ts) by LSH banding (Indyk &
 * Motwani 1998; Leskovec, Rajaraman & Ullman, Mining of Massive Datasets ch. 3): 16 bands of 4 positions; rows
 * equal in a band are candidates, and a candidate pair whose estimated Jaccard is >= the threshold tags both
 * rows. A pair at Jaccard 0.7 shares a band with probability 1 - (1 - 0.7^4)^16 = 0.99, a pair at 0.3 with 0.12.
 * Within a bucket the rows are taken in selection-key order and each is compared with the next `maxBucket`
 * rows, so a bucket of thousands of copies costs linear time and the tags depend only on the set of rows,
 * never on their order in the file. Pure.
 */
import { MINHASH_K } from './minhash.js';
import { estimateJaccard } from './minhash.js';

export const BANDS = 16;
const ROWS_PER_BAND = MINHASH_K / BANDS;

export interface NearDuplicateTextInput {
  count: number;
  /** MINHASH_K values per row */
  sigs: Uint16Array;
  /** per row: 1 when it has a signature (a text with words) */
  has: Uint8Array;
  /** the selection key, the order inside a bucket */
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  ids: readonly string[];
}

export interface NearDuplicateTextOptions {
  /** estimated Jaccard similarity of the word-shingle sets at least this */
  jaccard: number;
  /** each row is compared with at most this many later rows of its bucket */
  maxBucket: number;
}

/** The rows with a near-duplicate, ascending. */
export function nearDuplicateTexts(inp: NearDuplicateTextInput, opts: NearDuplicateTextOptions): number[] {
  const { count, sigs, has } = inp;
  const tagged = new Uint8Array(count);
  const rows: number[] = [];
  for (let r = 0; r < count; r++) if (has[r]) rows.push(r);
  const n = rows.length;
  if (n < 2) return [];
  // one sort per band of (band hash, row) packed in a double: the row takes R bits, the hash the top 53 - R
  const R = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const drop = Math.max(0, 32 - (53 - R));
  const span = 2 ** R;
  const packed = new Float64Array(n);
  const byKey = (a: number, b: number): number =>
    (inp.keyHi[a] as number) - (inp.keyHi[b] as number) || (inp.keyLo[a] as number) - (inp.keyLo[b] as number) || (inp.ids[a]! < inp.ids[b]! ? -1 : inp.ids[a]! > inp.ids[b]! ? 1 : 0);
  for (let band = 0; band < BANDS; band++) {
    const at = band * ROWS_PER_BAND;
    for (let i = 0; i < n; i++) packed[i] = Math.floor(bandHash(sigs, rows[i] as number, at) / 2 ** drop) * span + (rows[i] as number);
    packed.sort();
    for (let i = 0; i < n; ) {
      const head = Math.floor((packed[i] as number) / span);
      let j = i + 1;
      while (j < n && Math.floor((packed[j] as number) / span) === head) j++;
      if (j - i > 1) {
        const members: number[] = [];
        for (let k = i; k < j; k++) members.push((packed[k] as number) % span);
        members.sort(byKey);
        compareBucket(members, sigs, at, tagged, opts);
      }
      i = j;
    }
  }
  const out: number[] = [];
  for (let r = 0; r < count; r++) if (tagged[r]) out.push(r);
  return out;
}

function compareBucket(members: number[], sigs: Uint16Array, at: number, tagged: Uint8Array, opts: NearDuplicateTextOptions): void {
  for (let i = 0; i < members.length; i++) {
    const a = members[i] as number;
    const last = Math.min(members.length, i + 1 + opts.maxBucket);
    for (let j = i + 1; j < last; j++) {
      const b = members[j] as number;
      if (tagged[a] && tagged[b]) continue;
      // the bucket is a truncated hash: the band itself must be equal
      if (!sameBand(sigs, a, b, at)) continue;
      if (estimateJaccard(sigs, a, b) >= opts.jaccard) tagged[a] = tagged[b] = 1;
    }
  }
}

function sameBand(sigs: Uint16Array, a: number, b: number, at: number): boolean {
  for (let k = 0; k < ROWS_PER_BAND; k++) if (sigs[a * MINHASH_K + at + k] !== sigs[b * MINHASH_K + at + k]) return false;
  return true;
}

/** A 32-bit hash of one band's values (unsigned). */
function bandHash(sigs: Uint16Array, row: number, at: number): number {
  const o = row * MINHASH_K + at;
  let h = 0x27d4eb2f ^ at;
  for (let k = 0; k < ROWS_PER_BAND; k++) {
    h = Math.imul(h ^ (sigs[o + k] as number), 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
