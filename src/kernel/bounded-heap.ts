/**
 * The `cap` best (score, index) pairs seen so far, higher score first, ties to the lower index. A min-heap whose
 * root is the worst kept pair, so a new pair costs one comparison unless it enters.
 */
export class BoundedHeap {
  readonly score: Float64Array;
  readonly index: Int32Array;
  size = 0;
  /** the score a new pair must beat once the heap is full (-Infinity until then) */
  threshold = -Infinity;

  constructor(readonly cap: number) {
    this.score = new Float64Array(cap);
    this.index = new Int32Array(cap);
  }

  push(s: number, idx: number): void {
    const hs = this.score;
    const hi = this.index;
    if (this.size < this.cap) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(s, idx, hs[parent]!, hi[parent]!)) break;
        hs[c] = hs[parent]!;
        hi[c] = hi[parent]!;
        c = parent;
      }
      hs[c] = s;
      hi[c] = idx;
      if (this.size === this.cap) this.threshold = hs[0]!;
      return;
    }
    if (!worse(hs[0]!, hi[0]!, s, idx)) return;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= this.cap) break;
      let w = l;
      if (l + 1 < this.cap && worse(hs[l + 1]!, hi[l + 1]!, hs[l]!, hi[l]!)) w = l + 1;
      if (!worse(hs[w]!, hi[w]!, s, idx)) break;
      hs[c] = hs[w]!;
      hi[c] = hi[w]!;
      c = w;
    }
    hs[c] = s;
    hi[c] = idx;
    this.threshold = hs[0]!;
  }
}

/** a ranks below b: a lower score, or an equal score and a higher index */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}
