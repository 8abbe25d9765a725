/**
 * `sentence`: whole sentences (sentence-spans.ts) packed greedily while the chunk, from its first sentence's start
 * to its last one's end, holds at most `size` units. When a chunk closes, its trailing whole sentences that hold at
 * most `overlap` units together (and still leave room for the next sentence) start the next chunk. A sentence of
 * more than `size` units closes the chunk before it and is cut with the sliding rule (`size`, `size - overlap`);
 * nothing is carried out of it.
 */
import type { Measure } from './measure.js';
import { sentenceRanges } from './sentence-spans.js';

export function sentenceChunkRanges(text: string, measure: Measure, size: number, overlap: number): number[] {
  const s = sentenceRanges(text);
  const n = s.length / 2;
  const out: number[] = [];
  // the current chunk is sentences first..last (inclusive); first > last when empty
  let first = 0;
  let last = -1;
  for (let k = 0; k < n; k++) {
    const start = s[2 * k]!;
    const end = s[2 * k + 1]!;
    if (measure.count(start, end) > size) {
      if (last >= first) out.push(s[2 * first]!, s[2 * last + 1]!);
      measure.windows(start, end, size, size - overlap, out);
      first = k + 1;
      last = k;
      continue;
    }
    if (last >= first && measure.count(s[2 * first]!, end) > size) {
      const lastEnd = s[2 * last + 1]!;
      out.push(s[2 * first]!, lastEnd);
      let carry = last + 1;
      while (carry - 1 >= first && measure.count(s[2 * (carry - 1)]!, lastEnd) <= overlap && measure.count(s[2 * (carry - 1)]!, end) <= size) carry--;
      first = carry;
    }
    last = k;
  }
  if (last >= first) out.push(s[2 * first]!, s[2 * last + 1]!);
  return out;
}
