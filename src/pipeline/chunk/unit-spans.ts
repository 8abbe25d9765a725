/**
 * Units that are spans of the text (words, tokens): unit i covers [starts[i], ends[i]), in text order. Spans do not
 * overlap, except that the tokens that encode one character together (its UTF-8 bytes split between them) all
 * have that character's span. A range holds the units that overlap it, and a window of N units spans from its
 * first unit's start to its Nth unit's end; a window takes all or none of a character's tokens, so it holds fewer
 * than N when taking them would exceed N (more only when they alone exceed N: then it is that one character).
 */
import type { Measure } from './measure.js';

export interface UnitSpans {
  length: number;
  starts: Int32Array;
  ends: Int32Array;
}

export function spanMeasure(spans: UnitSpans): Measure {
  return {
    count: (start, end) => (end <= start ? 0 : Math.max(0, firstStartAtOrAfter(spans, end) - firstEndAfter(spans, start))),
    windows: (start, end, size, step, out) => spanWindows(spans, start, end, size, step, out),
  };
}

function spanWindows(spans: UnitSpans, start: number, end: number, size: number, step: number, out: number[]): void {
  const { starts, ends } = spans;
  // tokens that encode one character together share its span: a window takes all of them or none
  const same = (a: number, b: number): boolean => starts[a] === starts[b] && ends[a] === ends[b];
  const first = firstEndAfter(spans, start);
  const last = firstStartAtOrAfter(spans, end) - 1;
  let i = first;
  while (i <= last) {
    let j = Math.min(i + size - 1, last);
    if (j < last && same(j, j + 1)) {
      let g = j;
      while (g > i && same(g - 1, g)) g--;
      if (g > i) j = g - 1;
      else while (j < last && same(j, j + 1)) j++; // one character's tokens, more than size: all of them
    }
    const s = Math.max(start, starts[i]!);
    const e = Math.min(end, ends[j]!);
    if (e > s) out.push(s, e);
    if (j >= last) return;
    let next = i + step;
    while (next <= j && same(next - 1, next)) next++;
    i = Math.min(next, j + 1);
  }
}

/** the first unit whose end is after `p` (binary search) */
function firstEndAfter(spans: UnitSpans, p: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans.ends[mid]! > p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** the first unit that starts at or after `p` */
function firstStartAtOrAfter(spans: UnitSpans, p: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans.starts[mid]! >= p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A growing pair of offset arrays. */
export class SpanBuilder {
  length = 0;
  starts: Int32Array;
  ends: Int32Array;

  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  done(): UnitSpans {
    return { length: this.length, starts: this.starts.subarray(0, this.length), ends: this.ends.subarray(0, this.length) };
  }
}
