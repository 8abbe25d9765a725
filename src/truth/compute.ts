/** Exact top-k ground truth for golden queries over a corpus (pure: values in, values out). */
import type { Metric } from '../config/types.js';
import { matchesFilter } from '../backends/filter.js';
import { exactTopK } from '../kernel/index.js';
import type { TruthFileRow } from '../arrow/index.js';
import type { GoldenQuery } from '../golden/types.js';
import type { TruthBase } from './sample-file.js';

export interface ComputeTruthOptions {
  k: number;
  metric: Metric;
}

/** `corpus`: a Corpus (loadCorpus) or the leaner TruthBase (loadTruthBase) */
export function computeTruth(corpus: TruthBase, queries: readonly GoldenQuery[], opts: ComputeTruthOptions): TruthFileRow[] {
  const m = queries.length;
  const n = corpus.ids.length;
  const q = new Float32Array(m * corpus.dim);
  queries.forEach((query, i) => q.set(query.embedding, i * corpus.dim));
  // a filtered query may only return rows whose metadata matches its filter
  const masks = queries.map((query) => {
    if (!query.filter) return undefined;
    const metadata = corpus.metadata;
    const mask = new Uint8Array(n);
    for (let j = 0; j < n; j++) mask[j] = matchesFilter(query.filter, metadata[j] ?? undefined) ? 1 : 0;
    return mask;
  });
  const k = Math.min(opts.k, Math.max(n, 1));
  const { indices, distances } = exactTopK(corpus.vectors, n, corpus.dim, q, m, k, opts.metric, { mask: (i) => masks[i] });
  return queries.map((query, i) => {
    const ids: string[] = [];
    const dists: number[] = [];
    for (let r = 0; r < k; r++) {
      const idx = indices[i * k + r]!;
      if (idx < 0) break;
      ids.push(corpus.ids[idx]!);
      dists.push(distances[i * k + r]!);
    }
    return { queryId: query.id, ids, distances: dists };
  });
}
