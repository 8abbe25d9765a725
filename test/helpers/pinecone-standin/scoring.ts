export type PineconeMetric = 'cosine' | 'dotproduct' | 'euclidean';

/**
 * Pinecone's scores: cosine similarity and dot product (higher is closer), and for euclidean the SQUARED
 * Euclidean distance (lower is closer).
 */
export function score(metric: PineconeMetric, a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let sq = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
    sq += (x - y) * (x - y);
  }
  if (metric === 'dotproduct') return dot;
  if (metric === 'euclidean') return sq;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Sort order of matches: best first, ties by id so results are deterministic. */
export function compareMatches(metric: PineconeMetric) {
  return (x: { id: string; score: number }, y: { id: string; score: number }): number => {
    const d = metric === 'euclidean' ? x.score - y.score : y.score - x.score;
    return d !== 0 ? d : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  };
}
