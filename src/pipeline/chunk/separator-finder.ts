/**
 * The next occurrence of each separator at or after a position, remembered: the recursive splitter asks in text
 * order, so each separator's text is scanned about once per document, however many pieces ask (a separator that
 * is absent would otherwise be searched for to the end of the text from every piece).
 */
export class SeparatorFinder {
  private readonly asked: Float64Array;
  private readonly found: Float64Array;

  constructor(
    private readonly text: string,
    private readonly separators: readonly string[],
  ) {
    this.asked = new Float64Array(separators.length).fill(Infinity);
    this.found = new Float64Array(separators.length);
  }

  /** The first index >= `from` where separator `k` starts, or Infinity. */
  next(k: number, from: number): number {
    const found = this.found[k]!;
    // valid when nothing was skipped: asked <= from <= found
    if (this.asked[k]! <= from && from <= found) return found;
    const at = this.text.indexOf(this.separators[k]!, from);
    this.asked[k] = from;
    this.found[k] = at < 0 ? Infinity : at;
    return this.found[k]!;
  }
}
