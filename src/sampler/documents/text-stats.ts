/** Text length statistics for the document manifest (characters = UTF-16 code units, as JS counts them). Pure. */

export interface TextStats {
  documents: number;
  /** null text, or only whitespace */
  empty: number;
  chars: { total: number; min: number; mean: number; p50: number; p90: number; p99: number; max: number };
}

/** `lengths`: one per document (0 for a null text); `empty`: how many are empty or whitespace. */
export function textStats(lengths: Uint32Array, empty: number): TextStats {
  const n = lengths.length;
  const sorted = Uint32Array.from(lengths).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i] as number;
  // nearest rank (the smallest length with at least q of the documents at or below it)
  const q = (p: number): number => (n === 0 ? 0 : (sorted[Math.max(0, Math.ceil(p * n) - 1)] as number));
  return {
    documents: n,
    empty,
    chars: { total, min: n ? (sorted[0] as number) : 0, mean: n ? Math.round((total / n) * 10) / 10 : 0, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: n ? (sorted[n - 1] as number) : 0 },
  };
}
