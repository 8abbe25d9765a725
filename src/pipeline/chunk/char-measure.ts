/**
 * The `chars` unit: UTF-16 code units (JS string length, what `doc.text.slice` counts). A boundary never falls
 * between the two halves of a surrogate pair: a window's end moves back to the pair's start, so a window is at most
 * `size` units (except a window of size 1 at a pair, which holds the whole pair), and the next window's start
 * moves forward past the pair, so consecutive windows overlap by at most `overlap` units.
 */
import type { Measure } from './measure.js';

export function charMeasure(text: string): Measure {
  return {
    count: (start, end) => end - start,
    windows: (start, end, size, step, out) => charWindows(text, start, end, size, step, out),
  };
}

export function charWindows(text: string, start: number, end: number, size: number, step: number, out: number[]): void {
  let s = start;
  while (s < end) {
    let e = s + size;
    if (e >= end) e = end;
    else {
      e = snapBack(text, e);
      if (e <= s) e = Math.min(s + 2, end);
    }
    out.push(s, e);
    if (e >= end) return;
    // a start moves forward off a pair (so an overlap never grows past `overlap`), but never past this window's
    // end (so fixed windows abut and no pair falls between two windows)
    s = Math.min(snapForward(text, s + step), e);
  }
}

/** `p`, or `p + 1` when `p` is between a high and a low surrogate. */
function snapForward(text: string, p: number): number {
  return snapBack(text, p) === p ? p : p + 1;
}

/** `p`, or `p - 1` when `p` is between a high and a low surrogate. */
export function snapBack(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c >= 0xdc00 && c <= 0xdfff && p > 0) {
    const h = text.charCodeAt(p - 1);
    if (h >= 0xd800 && h <= 0xdbff) return p - 1;
  }
  return p;
}
