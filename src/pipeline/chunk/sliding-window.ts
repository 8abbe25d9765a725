/**
 * `sliding-window`: windows of `size` units starting every `size - overlap` units. The first window that reaches
 * the text end is the last (it ends there and may be shorter than `size`), so the tail is never repeated in a
 * window of its own: a text of 1,100 chars at 512/64 gives [0, 512), [448, 960), [896, 1100).
 */
import type { Measure } from './measure.js';

export function slidingWindowRanges(text: string, measure: Measure, size: number, overlap: number): number[] {
  const out: number[] = [];
  measure.windows(0, text.length, size, size - overlap, out);
  return out;
}
