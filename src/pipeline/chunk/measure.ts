/**
 * A unit of length over one document's text: how many units a range holds, and the sliding rule in those units.
 * Ranges are [start, end) UTF-16 offsets into the text; lists of ranges are flat `[start0, end0, start1, end1, ...]`
 * number arrays (no object per chunk until the very end: the chunkers' inner loops run once per separator hit).
 */
export interface Measure {
  /** units in text.slice(start, end) */
  count(start: number, end: number): number;
  /**
   * The sliding rule over [start, end): windows of at most `size` units starting every `step` units (the first at
   * `start`), appended to `out`; the first window that reaches `end` is the last, so it ends at `end`, may be
   * shorter than `size`, and no window lies wholly inside the one before it. `step` = `size` gives fixed windows.
   */
  windows(start: number, end: number, size: number, step: number, out: number[]): void;
}
