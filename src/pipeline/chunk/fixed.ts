/** `fixed`: consecutive, non-overlapping windows of `size` units; the last one ends at the text end. */
import type { Measure } from './measure.js';

export function fixedRanges(text: string, measure: Measure, size: number): number[] {
  const out: number[] = [];
  measure.windows(0, text.length, size, size, out);
  return out;
}
